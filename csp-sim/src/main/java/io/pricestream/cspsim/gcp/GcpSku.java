package io.pricestream.cspsim.gcp;

import java.math.BigDecimal;
import java.util.List;

/** One SKU of the Cloud Billing Catalog API with its current pricing, as served. */
record GcpSku(GcpService service, String skuId, String description, GcpKind kind, String usageType,
              List<String> serviceRegions, String geoTaxonomyType, List<Tier> tiers, String effectiveTime) {

    /** A tier in document order: start in usage units and the price split as units + nanos. */
    record Tier(BigDecimal startUsageAmount, long units, int nanos, BigDecimal price) {
    }

    String name() {
        return "services/" + service.serviceId() + "/skus/" + skuId;
    }

    /** The price_id of one (region, tier) point. */
    String priceId(String region, Tier tier) {
        BigDecimal start = tier.startUsageAmount().stripTrailingZeros();
        return skuId + "/" + region + "/" + (start.scale() < 0 ? start.setScale(0) : start).toPlainString();
    }
}
