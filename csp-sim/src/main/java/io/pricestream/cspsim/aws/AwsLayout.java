package io.pricestream.cspsim.aws;

import io.pricestream.cspsim.catalogue.CatalogueLayout;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.Segment;
import io.pricestream.cspsim.catalogue.SegmentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated AWS offers, their regions and product kinds. Segments are ordered offer → region →
 * kind, so each per-region offer file is a contiguous run of segments.
 */
final class AwsLayout {
    /** An (offer, region) file: segments {@code [firstSegment, endSegment)}. */
    record OfferFile(int index, String offerCode, String region, int firstSegment, int endSegment) {
    }

    private record Offer(String code, List<String> regions, Map<AwsKind, Double> kinds) {
    }

    private static final List<Offer> OFFERS = List.of(
            new Offer("AmazonEC2", concat(AwsRegions.ORDINARY, AwsRegions.EDGE), weights(
                    AwsKind.INSTANCE_USED, 40.0, AwsKind.INSTANCE_UNUSED_RESERVATION, 10.0,
                    AwsKind.INSTANCE_ALLOCATED_RESERVATION, 10.0, AwsKind.BARE_METAL, 2.0, AwsKind.EBS_VOLUME, 8.0,
                    AwsKind.EBS_IOPS, 3.0, AwsKind.EBS_SNAPSHOT, 2.0, AwsKind.EC2_DATA_TRANSFER, 4.0,
                    AwsKind.ELASTIC_IP, 1.0, AwsKind.NAT_GATEWAY, 1.0, AwsKind.NO_TERMS, 1.0, AwsKind.UNKNOWN_UNIT, 1.0)),
            new Offer("AmazonS3", AwsRegions.ORDINARY, weights(AwsKind.S3_STORAGE, 6.0, AwsKind.S3_REQUESTS, 8.0)),
            new Offer("AWSELB", AwsRegions.ORDINARY, weights(AwsKind.ELB_HOURS, 2.0, AwsKind.ELB_LCU, 2.0)),
            new Offer("AmazonEKS", AwsRegions.ORDINARY.subList(0, 25),
                    weights(AwsKind.EKS_CLUSTER, 1.0, AwsKind.EKS_EXTENDED_SUPPORT, 1.0)),
            new Offer("AWSDataTransfer", AwsRegions.ORDINARY, weights(AwsKind.DT_EGRESS, 6.0)),
            new Offer("AmazonRDS", AwsRegions.ORDINARY, weights(AwsKind.RDS_INSTANCE, 30.0)),
            new Offer("AmazonDynamoDB", AwsRegions.ORDINARY.subList(0, 20), weights(AwsKind.DYNAMODB_RCU, 3.0)),
            new Offer("AWSLambda", AwsRegions.ORDINARY.subList(0, 20), weights(AwsKind.LAMBDA_DURATION, 2.0)),
            new Offer("awskms", AwsRegions.ORDINARY.subList(0, 12), weights(AwsKind.KMS_REQUESTS, 1.0)));

    /** Offers that carry the savings-plan links in the offer index (like the real one). */
    static final List<String> SAVINGS_PLAN_OFFERS = List.of("AmazonEC2", "AmazonEKS", "AWSLambda");

    private final List<Segment> segments;
    private final List<OfferFile> files;
    private final Map<String, List<OfferFile>> filesByOffer;

    AwsLayout(long targetPoints) {
        List<SegmentSpec> specs = new ArrayList<>();
        List<OfferFile> fileList = new ArrayList<>();
        for (Offer offer : OFFERS) {
            for (String region : offer.regions()) {
                int first = specs.size();
                for (Map.Entry<AwsKind, Double> kind : offer.kinds().entrySet()) {
                    int minUnits = kind.getKey() == AwsKind.NO_TERMS || kind.getKey() == AwsKind.UNKNOWN_UNIT ? 0 : 1;
                    specs.add(new SegmentSpec(offer.code(), List.of(region), kind.getKey(),
                            kind.getValue() * AwsRegions.weight(region), kind.getKey().pointsPerUnit(), minUnits));
                }
                fileList.add(new OfferFile(fileList.size(), offer.code(), region, first, specs.size()));
            }
        }
        this.segments = CatalogueLayout.size(Csp.AWS, specs, targetPoints);
        this.files = List.copyOf(fileList);
        Map<String, List<OfferFile>> byOffer = new LinkedHashMap<>();
        for (OfferFile file : files) {
            byOffer.computeIfAbsent(file.offerCode(), o -> new ArrayList<>()).add(file);
        }
        this.filesByOffer = byOffer;
    }

    List<Segment> segments() {
        return segments;
    }

    List<OfferFile> files() {
        return files;
    }

    /** Offer codes in index order. */
    List<String> offerCodes() {
        return List.copyOf(filesByOffer.keySet());
    }

    /** Files of an offer, empty for an unknown offer. */
    List<OfferFile> files(String offerCode) {
        return filesByOffer.getOrDefault(offerCode, List.of());
    }

    private static Map<AwsKind, Double> weights(Object... kindsAndWeights) {
        Map<AwsKind, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < kindsAndWeights.length; i += 2) {
            map.put((AwsKind) kindsAndWeights[i], (Double) kindsAndWeights[i + 1]);
        }
        return map;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
