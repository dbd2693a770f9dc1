package io.pricestream.streams;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;

/** Small, readable test records; every price is relevant under the default rules unless a test changes it. */
public final class TestPrices {

    public static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private TestPrices() {
    }

    public static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    public static PriceKey key(SkuPrice price) {
        return new PriceKey(price.getCsp(), price.getPriceId());
    }

    public static PriceKey markerKey(String csp) {
        return new PriceKey(csp, RawRecords.MARKER_PRICE_ID);
    }

    /** An AWS EBS gp3 storage price (kept by the default rules). */
    public static SkuPrice.Builder awsStorage(String priceId, String price, String runId, Instant observedAt) {
        return SkuPrice.newBuilder()
                .setCsp("aws").setPriceId(priceId).setSkuId(priceId.split("\\.")[0])
                .setService("AmazonEC2").setServiceName("Amazon Elastic Compute Cloud").setProductFamily("Storage")
                .setRegion("us-east-2").setSkuName(null)
                .setUnit("gb_month").setUnitPublished("GB-Mo").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setTierEnd(null)
                .setPrice(new BigDecimal(price)).setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND).setTerm(null)
                .setEffectiveFrom(Instant.parse("2023-03-01T00:00:00Z"))
                .setAttributes(Map.of("volumeApiName", "gp3", "storageMedia", "SSD-backed"))
                .setObservedAt(observedAt).setRunId(runId).setSourceVersion("20250912225308")
                .setStatus(PriceStatus.ACTIVE);
    }

    /** An Azure D-series VM price (kept by the default rules). */
    public static SkuPrice.Builder azureVm(String priceId, String price, String runId, Instant observedAt) {
        return SkuPrice.newBuilder()
                .setCsp("azure").setPriceId(priceId).setSkuId("DZH318Z0BPVW/00QZ")
                .setService("Virtual Machines").setServiceName(null).setProductFamily("Compute")
                .setRegion("westeurope").setSkuName("D4s v5")
                .setUnit("hours").setUnitPublished("1 Hour").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setTierEnd(null)
                .setPrice(new BigDecimal(price)).setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND).setTerm(null)
                .setEffectiveFrom(Instant.parse("2024-01-01T00:00:00Z"))
                .setAttributes(Map.of("productName", "Virtual Machines Dsv5 Series", "armSkuName", "Standard_D4s_v5"))
                .setObservedAt(observedAt).setRunId(runId).setSourceVersion(null)
                .setStatus(PriceStatus.ACTIVE);
    }

    public static RunMarker marker(String csp, String runId, RunVerdict verdict, Instant startedAt, Instant finishedAt,
                                   List<String> services, List<String> regions) {
        return RunMarker.newBuilder()
                .setCsp(csp).setRunId(runId)
                .setScope(new RunScope(services, regions))
                .setVerdict(verdict)
                .setPartition(0).setPartitionCount(1).setRecordsInPartition(0)
                .setStartedAt(startedAt).setFinishedAt(finishedAt)
                .build();
    }

    public static RunMarker okMarker(String csp, String runId, Instant startedAt, Instant finishedAt) {
        return marker(csp, runId, RunVerdict.OK, startedAt, finishedAt, List.of(), List.of());
    }
}
