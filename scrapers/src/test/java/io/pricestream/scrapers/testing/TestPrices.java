package io.pricestream.scrapers.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/** Builds {@link SkuPrice} values for tests; every field set, overridable through the builder. */
public final class TestPrices {

    private TestPrices() {
    }

    public static SkuPrice.Builder price(String priceId, String service, String price) {
        return SkuPrice.newBuilder()
                .setCsp("aws")
                .setPriceId(priceId)
                .setSkuId(priceId.contains(".") ? priceId.substring(0, priceId.indexOf('.')) : priceId)
                .setService(service)
                .setServiceName(null)
                .setProductFamily("Compute Instance")
                .setRegion("us-east-2")
                .setSkuName("c5.large")
                .setUnit("hours")
                .setUnitPublished("Hrs")
                .setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO)
                .setTierEnd(null)
                .setPrice(new BigDecimal(price))
                .setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND)
                .setTerm(null)
                .setEffectiveFrom(Instant.parse("2025-09-01T00:00:00Z"))
                .setAttributes(Map.of())
                .setObservedAt(Instant.parse("2025-09-13T08:00:00Z"))
                .setRunId("run-1")
                .setSourceVersion("20250912225308")
                .setStatus(PriceStatus.ACTIVE);
    }
}
