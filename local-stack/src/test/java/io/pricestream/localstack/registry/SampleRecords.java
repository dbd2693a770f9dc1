package io.pricestream.localstack.registry;

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

/** One valid record of each pipeline type, with 38-digit decimals and null optionals. */
final class SampleRecords {

    static final BigDecimal WIDEST_PRICE = new BigDecimal("98765432109876543210987654.123456789012");
    static final Instant OBSERVED = Instant.ofEpochMilli(1_763_800_000_123L);

    private SampleRecords() {
    }

    static PriceKey priceKey() {
        return new PriceKey("aws", "JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U");
    }

    static SkuPrice skuPrice() {
        return SkuPrice.newBuilder()
                .setCsp("aws").setPriceId("JRTCKXETXF.6YS6EN2CT7.2TG2D8R56U").setSkuId("JRTCKXETXF")
                .setService("AmazonEC2").setServiceName(null).setProductFamily("Compute Instance")
                .setRegion("eu-west-1").setSkuName("m5.large").setUnit("hours").setUnitPublished("Hrs")
                .setUnitMultiplier(new BigDecimal("1.000000000000")).setTierStart(new BigDecimal("0.000000000000"))
                .setTierEnd(null).setPrice(WIDEST_PRICE).setCurrency("USD").setPurchaseOption(PurchaseOption.ON_DEMAND)
                .setTerm(null).setEffectiveFrom(null).setAttributes(Map.of("tenancy", "Shared"))
                .setObservedAt(OBSERVED).setRunId("run-1").setSourceVersion(null).setStatus(PriceStatus.ACTIVE)
                .build();
    }

    static RunMarker runMarker() {
        return RunMarker.newBuilder().setCsp("aws").setRunId("run-1").setScope(new RunScope(List.of("AmazonEC2"), List.of()))
                .setVerdict(RunVerdict.OK).setPartition(0).setPartitionCount(1).setRecordsInPartition(1L)
                .setStartedAt(Instant.ofEpochMilli(1_763_799_000_000L)).setFinishedAt(OBSERVED).build();
    }

    static ScrapeRun scrapeRun() {
        return ScrapeRun.newBuilder().setRunId("run-1").setCsp("gcp").setStartedAt(Instant.ofEpochMilli(1_763_799_000_000L))
                .setFinishedAt(OBSERVED).setScope(new RunScope(List.of(), List.of("us-east1"))).setVerdict(RunVerdict.OK)
                .setRecordsPublished(3L).setRecordsPerService(Map.of("Compute Engine", 3L)).build();
    }

    static PriceChanged priceChanged() {
        return PriceChanged.newBuilder().setCsp("azure").setPriceId("meter-1/sku-1/Consumption/0").setSkuId("sku-1")
                .setChangeType(ChangeType.CHANGED).setOldPrice(new BigDecimal("0.000000000001")).setNewPrice(WIDEST_PRICE)
                .setChangePct(null).setCurrency("USD").setUnit("hours").setRegion("westeurope").setService("Virtual Machines")
                .setCommittedAt(OBSERVED).setSourceLsn(987_654_321L).build();
    }
}
