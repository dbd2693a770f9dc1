package io.pricestream.cspsim.gcp;

import com.sun.net.httpserver.HttpHandler;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.cspsim.catalogue.ExpectedPriceSource;
import io.pricestream.cspsim.catalogue.LiveUnitCounts;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.ResponseCache;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated Cloud Billing Catalog API v1: its layout, SKU paging per service, its HTTP handler
 * (mounted at {@code /v1/services}) and the expected price points (one per SKU, service region and tier).
 */
public final class GcpCatalog implements ExpectedPriceSource {
    private final GcpLayout layout;
    private final LiveUnitCounts liveUnits;

    /** A catalogue of about {@code targetPoints} price points. */
    public GcpCatalog(long targetPoints) {
        this.layout = new GcpLayout(targetPoints);
        this.liveUnits = new LiveUnitCounts(layout.segments());
    }

    /** The segments (one per service, kind and region set). */
    public List<Segment> segments() {
        return layout.segments();
    }

    /** Handler of {@code /v1/services...}, accepting only {@code apiKey}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults, String apiKey) {
        return handler(catalogue, faults, apiKey, ResponseCache.off());
    }

    /** Handler of {@code /v1/services...} answering repeated requests from {@code cache}. */
    public HttpHandler handler(Catalogue catalogue, FaultInjector faults, String apiKey, ResponseCache cache) {
        return new GcpCatalogHandler(catalogue, this, faults, apiKey, cache);
    }

    @Override
    public void forEach(CatalogueView view, Consumer<ExpectedPrice> sink) {
        for (Segment segment : layout.segments()) {
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                GcpSku sku = GcpSkuFactory.create(view, segment, unit);
                if (sku == null) {
                    continue;
                }
                String option = switch (sku.usageType()) {
                    case "Preemptible" -> "SPOT";
                    case "Commit1Yr", "Commit3Yr" -> "RESERVED";
                    default -> "ON_DEMAND";
                };
                String term = sku.usageType().equals("Commit1Yr") ? "1yr" : sku.usageType().equals("Commit3Yr") ? "3yr"
                        : null;
                for (String region : sku.serviceRegions()) {
                    for (GcpSku.Tier tier : sku.tiers()) {
                        sink.accept(new ExpectedPrice(Csp.GCP, sku.service().displayName(), region,
                                sku.priceId(region, tier), sku.skuId(), tier.price(), sku.kind().usageUnit,
                                tier.startUsageAmount(), tierEnd(tier, sku.tiers()), option, term));
                    }
                }
            }
        }
    }

    /** The next higher tier start of the SKU; null for the open top tier. */
    private static BigDecimal tierEnd(GcpSku.Tier tier, List<GcpSku.Tier> tiers) {
        BigDecimal end = null;
        for (GcpSku.Tier other : tiers) {
            if (other.startUsageAmount().compareTo(tier.startUsageAmount()) > 0
                    && (end == null || other.startUsageAmount().compareTo(end) < 0)) {
                end = other.startUsageAmount();
            }
        }
        return end;
    }

    /** SKUs of a service from position {@code offset}, at most {@code limit}. */
    List<GcpSku> page(CatalogueView view, GcpService service, long offset, int limit) {
        int[] live = liveUnits.of(view);
        List<GcpSku> out = new ArrayList<>(Math.min(limit, 1024));
        long remaining = offset;
        for (Segment segment : layout.segments(service)) {
            if (remaining >= live[segment.index()]) {
                remaining -= live[segment.index()];
                continue;
            }
            for (int unit = 0; unit < segment.universeUnits() && out.size() < limit; unit++) {
                if (!view.life(segment, unit).aliveAt(view.generation())) {
                    continue;
                }
                if (remaining > 0) {
                    remaining--;
                } else {
                    out.add(GcpSkuFactory.create(view, segment, unit));
                }
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }
}
