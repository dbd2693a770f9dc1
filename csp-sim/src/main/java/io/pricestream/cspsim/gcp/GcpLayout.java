package io.pricestream.cspsim.gcp;

import io.pricestream.cspsim.catalogue.CatalogueLayout;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.SegmentSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Regions and segments of the simulated GCP catalogue, ordered by service so that each service's
 * SKUs are a contiguous run. A segment's price points are its SKUs' tiers; the scrapers' points are
 * (SKU, region, tier), so a multi-region SKU counts once per listed region with one shared price.
 */
final class GcpLayout {
    static final List<String> REGIONS = List.of("us-central1", "us-east1", "us-east4", "us-east5", "us-south1",
            "us-west1", "us-west2", "us-west3", "us-west4", "northamerica-northeast1", "northamerica-northeast2",
            "southamerica-east1", "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6",
            "europe-west9", "europe-north1", "europe-central2", "asia-east1", "asia-east2", "asia-northeast1",
            "asia-northeast2", "asia-south1", "asia-southeast1", "australia-southeast1", "me-west1", "africa-south1");
    static final List<String> GLOBAL = List.of("global");
    static final List<List<String>> MULTI_REGIONS = List.of(List.of("us-central1", "us-east1", "us-west1"),
            List.of("europe-west1", "europe-west4", "europe-north1"), List.of("asia-east1", "asia-northeast1",
                    "asia-southeast1"));

    private final List<Segment> segments;

    GcpLayout(long targetPoints) {
        List<SegmentSpec> specs = new ArrayList<>();
        for (GcpService service : GcpService.ALL) {
            for (GcpKind kind : GcpKind.values()) {
                if (!kind.service.equals(service.displayName())) {
                    continue;
                }
                switch (kind) {
                    case MULTI_REGION_CPU, GCS_STORAGE -> MULTI_REGIONS.forEach(r -> add(specs, kind, r, 4));
                    case GCS_EGRESS, GKE_CLUSTER, BQ_ANALYSIS, PUBSUB -> add(specs, kind, GLOBAL, 2);
                    default -> REGIONS.forEach(r -> add(specs, kind, List.of(r),
                            kind == GcpKind.CPU || kind == GcpKind.RAM ? 24 : 6));
                }
            }
        }
        this.segments = CatalogueLayout.size(Csp.GCP, specs, targetPoints);
    }

    List<Segment> segments() {
        return segments;
    }

    /** Segments of one service (contiguous). */
    List<Segment> segments(GcpService service) {
        return segments.stream().filter(s -> s.service().equals(service.displayName())).toList();
    }

    private static void add(List<SegmentSpec> specs, GcpKind kind, List<String> regions, double weight) {
        // Sized by engine points (tiers): multi-region SKUs serve a few more points than the scale asks for.
        specs.add(new SegmentSpec(kind.service, regions, kind, weight, kind.tierStarts.length, 1));
    }
}
