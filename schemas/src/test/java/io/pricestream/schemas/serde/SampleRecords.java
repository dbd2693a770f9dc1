package io.pricestream.schemas.serde;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;

/** One valid record of each type, with the awkward values: 38-digit decimals, null optionals, maps. */
final class SampleRecords {

    /** 26 integer digits + 12 fraction digits: the most decimal(38,12) holds. */
    static final BigDecimal WIDEST_PRICE = new BigDecimal("98765432109876543210987654.123456789012");
    static final Instant OBSERVED = Instant.ofEpochMilli(1_763_800_000_123L);

    private SampleRecords() {
    }

    static PriceKey priceKey() {
        return new PriceKey("aws", "JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U");
    }

    static SkuPrice skuPrice(BigDecimal price, BigDecimal tierEnd) {
        return SkuPrice.newBuilder()
                .setCsp("aws").setPriceId("JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U").setSkuId("JRTCKXETXF")
                .setService("AmazonEC2").setServiceName(null).setProductFamily("Compute Instance")
                .setRegion("eu-west-1").setSkuName("m5.large").setUnit("hours").setUnitPublished("Hrs")
                .setUnitMultiplier(new BigDecimal("1.000000000000"))
                .setTierStart(new BigDecimal("0.000000000000")).setTierEnd(tierEnd)
                .setPrice(price).setCurrency("USD").setPurchaseOption(PurchaseOption.ON_DEMAND).setTerm(null)
                .setEffectiveFrom(Instant.ofEpochMilli(1_700_000_000_000L))
                .setAttributes(Map.of("instanceType", "m5.large", "tenancy", "Shared"))
                .setObservedAt(OBSERVED).setRunId("run-1").setSourceVersion("20251120").setStatus(PriceStatus.ACTIVE)
                .build();
    }

    static SkuPrice skuPrice() {
        return skuPrice(WIDEST_PRICE, null);
    }

    static RunMarker runMarker() {
        return RunMarker.newBuilder().setCsp("aws").setRunId("run-1")
                .setScope(new RunScope(List.of("AmazonEC2"), List.of()))
                .setVerdict(RunVerdict.OK).setPartition(2).setPartitionCount(3).setRecordsInPartition(41_000L)
                .setStartedAt(Instant.ofEpochMilli(1_763_799_000_000L)).setFinishedAt(OBSERVED).build();
    }

    static ScrapeRun scrapeRun() {
        return ScrapeRun.newBuilder().setRunId("run-1").setCsp("gcp")
                .setStartedAt(Instant.ofEpochMilli(1_763_799_000_000L)).setFinishedAt(OBSERVED)
                .setScope(new RunScope(List.of(), List.of("us-east1"))).setVerdict(RunVerdict.PARTIAL)
                .setVerdictReasons(List.of("service 'Compute Engine' returned 0 SKUs"))
                .setRecordsPublished(123_456L).setRecordsRejected(2L)
                .setRecordsPerService(Map.of("Compute Engine", 123_456L))
                .setSourceVersions(Map.of("cloudbilling/v1", "2025-11-20")).setSkippedSources(List.of("Cloud Storage"))
                .setBytesDownloaded(9_876_543_210L).build();
    }

    static PriceChanged priceChanged() {
        return PriceChanged.newBuilder().setCsp("azure").setPriceId("meter-1/sku-1/Consumption/0").setSkuId("sku-1")
                .setChangeType(ChangeType.CHANGED)
                .setOldPrice(new BigDecimal("0.000000000001")).setNewPrice(WIDEST_PRICE)
                .setChangePct(new BigDecimal("-12.345678901234")).setCurrency("USD").setUnit("hours")
                .setRegion("westeurope").setService("Virtual Machines").setPurchaseOption("ON_DEMAND").setTerm(null)
                .setCommittedAt(OBSERVED).setSourceLsn(987_654_321L).setSourceTxId(null).build();
    }
}
