package io.pricestream.connect.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/** Test observations with sensible defaults, so each test spells out only what it is about. */
public final class Prices {

    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Prices() {
    }

    /** An active on-demand price of {@code priceId} at {@code price} USD per hour, observed {@code minute} minutes after {@link #T0}. */
    public static SkuPrice.Builder active(String priceId, String price, int minute) {
        return SkuPrice.newBuilder()
                .setCsp("aws")
                .setPriceId(priceId)
                .setSkuId("SKU-" + priceId)
                .setService("AmazonEC2")
                .setServiceName("Amazon Elastic Compute Cloud")
                .setProductFamily("Compute Instance")
                .setRegion("us-east-1")
                .setSkuName("m5.large \"Linux\", shared")
                .setUnit("hours")
                .setUnitPublished("Hrs")
                .setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO)
                .setTierEnd(null)
                .setPrice(new BigDecimal(price))
                .setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND)
                .setTerm(null)
                .setEffectiveFrom(null)
                .setAttributes(Map.of("instanceType", "m5.large", "note", "quote \" and comma , and\nnewline"))
                .setObservedAt(T0.plusSeconds(60L * minute))
                .setRunId("run-" + minute)
                .setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE);
    }

    public static SkuPrice.Builder retired(String priceId, String price, int minute) {
        return active(priceId, price, minute).setStatus(PriceStatus.RETIRED);
    }

    public static Instant minute(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
