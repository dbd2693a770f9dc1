package io.pricestream.streams;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static io.pricestream.streams.TestPrices.azureVm;
import static io.pricestream.streams.TestPrices.marker;
import static io.pricestream.streams.TestPrices.markerKey;
import static io.pricestream.streams.TestPrices.okMarker;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.PricesMetrics.Change;
import io.pricestream.streams.PricesMetrics.Suppression;

/** Change detection and retirement through the real topology in a TopologyTestDriver. */
class PricesTopologyTest {

    private static final String A = "AAAAAAAAAAAAAAAA.JRTCKXETXF.6YS6EN2CT7";
    private static final String B = "BBBBBBBBBBBBBBBB.JRTCKXETXF.6YS6EN2CT7";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void startDriver() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void shouldEmitFirstSeenPriceOnce() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());

        List<SkuPrice> out = harness.skuOutput();
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.getPriceId()).isEqualTo(A);
            assertThat(p.getPrice()).isEqualByComparingTo("0.08");
            assertThat(p.getStatus()).isEqualTo(PriceStatus.ACTIVE);
        });
        assertThat(harness.metrics.emittedCount(Change.NEW)).isEqualTo(1);
    }

    @Test
    void shouldSuppressDuplicatesWhenContentIsUnchanged() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(awsStorage(A, "0.08", "run-1", at(2)).build()); // repeated in the same run (paging overlap)
        harness.send(awsStorage(A, "0.0800000", "run-2", at(60)).setSourceVersion("20250913000000").build()); // next run, same content

        assertThat(harness.skuOutput()).hasSize(1);
        assertThat(harness.metrics.suppressedCount(Suppression.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void shouldEmitWhenPriceChanges() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(awsStorage(A, "0.09", "run-2", at(60)).build());

        assertThat(harness.skuOutput()).extracting(SkuPrice::getPrice).map(BigDecimal::toPlainString)
                .containsExactly("0.080000000000", "0.090000000000");
        assertThat(harness.metrics.emittedCount(Change.CHANGED)).isEqualTo(1);
    }

    @Test
    void shouldEmitWhenAnyContentFieldChanges() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(awsStorage(A, "0.08", "run-2", at(2)).setTierEnd(new BigDecimal("10240")).build());
        harness.send(awsStorage(A, "0.08", "run-3", at(3)).setTierEnd(new BigDecimal("10240")).setCurrency("CNY").build());
        harness.send(awsStorage(A, "0.08", "run-4", at(4)).setTierEnd(new BigDecimal("10240")).setCurrency("CNY")
                .setEffectiveFrom(at(4)).build());
        // descriptive fields are not content: no output
        harness.send(awsStorage(A, "0.08", "run-5", at(5)).setTierEnd(new BigDecimal("10240")).setCurrency("CNY")
                .setEffectiveFrom(at(4)).setSkuName("renamed").build());

        assertThat(harness.skuOutput()).extracting(SkuPrice::getRunId).containsExactly("run-1", "run-2", "run-3", "run-4");
    }

    @Test
    void shouldNotReEmitOldValueWhenItArrivesOutOfOrder() {
        harness.send(awsStorage(A, "0.08", "run-1", at(10)).build());
        harness.send(awsStorage(A, "0.09", "run-2", at(30)).build());
        harness.send(awsStorage(A, "0.08", "run-1", at(20)).build()); // late duplicate of the old value
        harness.send(awsStorage(A, "0.09", "run-3", at(40)).build()); // still the current value: a repeat

        assertThat(harness.skuOutput()).extracting(p -> p.getPrice().stripTrailingZeros().toPlainString())
                .containsExactly("0.08", "0.09");
        assertThat(harness.metrics.suppressedCount(Suppression.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(harness.metrics.suppressedCount(Suppression.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void shouldRetireUnseenPricesOnlyAfterAnOkMarker() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(awsStorage(B, "0.10", "run-1", at(1)).build());
        harness.send(markerKey("aws"), okMarker("aws", "run-1", at(0), at(5)));
        assertThat(harness.skuOutput()).hasSize(2);

        harness.send(awsStorage(A, "0.08", "run-2", at(61)).build()); // run 2 does not see B
        assertThat(harness.skuOutput()).as("nothing is retired before the run's marker").isEmpty();

        harness.send(markerKey("aws"), okMarker("aws", "run-2", at(60), at(65)));

        List<SkuPrice> out = harness.skuOutput();
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.getPriceId()).isEqualTo(B);
            assertThat(p.getStatus()).isEqualTo(PriceStatus.RETIRED);
            assertThat(p.getObservedAt()).isEqualTo(at(65));
            assertThat(p.getRunId()).isEqualTo("run-2");
            assertThat(p.getPrice()).isEqualByComparingTo("0.10");
        });
        harness.send(markerKey("aws"), okMarker("aws", "run-3", at(120), at(125)));
        assertThat(harness.skuOutput()).as("a retired price is retired once; A was not seen by run-3 either")
                .extracting(SkuPrice::getPriceId).containsExactly(A);
    }

    @Test
    void shouldRetireOnlyPricesInsideTheMarkersScope() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());                       // AmazonEC2, us-east-2
        harness.send(awsStorage(B, "0.10", "run-1", at(1)).setRegion("eu-west-1").build()); // AmazonEC2, eu-west-1
        harness.skuOutput();

        harness.send(markerKey("aws"), marker("aws", "run-2", RunVerdict.OK, at(60), at(65), List.of("AmazonS3"), List.of()));
        assertThat(harness.skuOutput()).as("another service's run").isEmpty();

        harness.send(markerKey("aws"), marker("aws", "run-3", RunVerdict.OK, at(70), at(75), List.of("amazonec2"), List.of("EU-WEST-1")));
        assertThat(harness.skuOutput()).as("offer code matched case-insensitively, only the scoped region")
                .extracting(SkuPrice::getPriceId).containsExactly(B);

        harness.send(markerKey("aws"), marker("aws", "run-4", RunVerdict.OK, at(80), at(85),
                List.of("Amazon Elastic Compute Cloud"), List.of()));
        assertThat(harness.skuOutput()).as("scope given by display name matches service_name")
                .extracting(SkuPrice::getPriceId).containsExactly(A);
    }

    @Test
    void shouldMatchScopeByServiceIdAttribute() {
        SkuPrice gcpDisk = SkuPrice.newBuilder(awsStorage("1A51-8906-72EB/us-east4/0", "0.1", "g-1", at(1)).build())
                .setCsp("gcp").setService("Compute Engine").setServiceName(null).setSkuName("Balanced PD Capacity")
                .setAttributes(java.util.Map.of("serviceId", "6F81-5844-456A")).build();
        harness.send(gcpDisk);
        harness.skuOutput();

        harness.send(markerKey("gcp"), marker("gcp", "g-2", RunVerdict.OK, at(60), at(65), List.of("95FF-2EF5-5EA1"), List.of()));
        assertThat(harness.skuOutput()).as("another service id").isEmpty();

        harness.send(markerKey("gcp"), marker("gcp", "g-3", RunVerdict.OK, at(70), at(75), List.of("6f81-5844-456a"), List.of()));
        assertThat(harness.skuOutput()).extracting(SkuPrice::getStatus).containsExactly(PriceStatus.RETIRED);
    }

    @Test
    void shouldRetireNothingWhenRunFailedOrPartial() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.skuOutput();

        harness.send(markerKey("aws"), marker("aws", "run-2", RunVerdict.FAILED, at(60), at(65), List.of(), List.of()));
        harness.send(markerKey("aws"), marker("aws", "run-3", RunVerdict.PARTIAL, at(70), at(75), List.of(), List.of()));

        assertThat(harness.skuOutput()).isEmpty();
    }

    @Test
    void shouldNotRetireAnotherCspsPrices() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(azureVm("m/s/Consumption//0", "0.192", "az-1", at(1)).build());
        harness.skuOutput();

        harness.send(markerKey("aws"), okMarker("aws", "run-2", at(60), at(65)));

        assertThat(harness.skuOutput()).extracting(SkuPrice::getCsp).containsExactly("aws");
    }

    @Test
    void shouldNotRetirePricesSeenAfterTheRunStarted() {
        harness.send(awsStorage(A, "0.08", "run-9", at(100)).build()); // seen by a newer run
        harness.skuOutput();

        harness.send(markerKey("aws"), okMarker("aws", "run-8", at(50), at(90))); // a stale marker of an older run

        assertThat(harness.skuOutput()).isEmpty();
    }

    @Test
    void shouldEmitAgainWhenRetiredPriceComesBack() {
        harness.send(awsStorage(A, "0.08", "run-1", at(1)).build());
        harness.send(markerKey("aws"), okMarker("aws", "run-2", at(60), at(65)));
        assertThat(harness.skuOutput()).extracting(SkuPrice::getStatus).containsExactly(PriceStatus.ACTIVE, PriceStatus.RETIRED);

        harness.send(awsStorage(A, "0.08", "run-3", at(121)).build());

        assertThat(harness.skuOutput()).singleElement().satisfies(p -> {
            assertThat(p.getStatus()).isEqualTo(PriceStatus.ACTIVE);
            assertThat(p.getRunId()).isEqualTo("run-3");
        });
        assertThat(harness.metrics.emittedCount(Change.RETURNED)).isEqualTo(1);
    }

    @Test
    void shouldNeverEmitOrRetireIrrelevantPrices() {
        SkuPrice windowsVm = azureVm("w/s/Consumption//0", "0.5", "az-1", at(1))
                .setAttributes(java.util.Map.of("productName", "Virtual Machines Dsv5 Series Windows")).build();
        harness.send(windowsVm);
        harness.send(markerKey("azure"), okMarker("azure", "az-2", at(60), at(65)));

        assertThat(harness.skuOutput()).isEmpty();
        assertThat(harness.metrics.filteredCount()).isEqualTo(1);
    }
}
