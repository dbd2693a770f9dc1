package io.pricestream.scrapers.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.testing.PublishFixture;

/** One Azure and one GCP run end to end: csp-sim over HTTP → scraper → ScrapeRunner → real Kafka broker + registry. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimulatedCspPublishIT {

    private static final int PARTITIONS = 3;
    private static final String GCP_KEY = "publish-it-key";

    private static PipelineEnvironment stack;
    private static SchemaRegistryClient registry;
    private static CspSimulator sim;

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        sim = CspSimulator.start(CspSimConfig.builder().scale(4_000).seed(11).gcpApiKey(GCP_KEY).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure", "gcp"})
    void shouldPublishEveryPriceExactlyOnceWithAnOkVerdict(String csp) throws Exception {
        Csp simCsp = Csp.valueOf(csp.toUpperCase(Locale.ROOT));
        Map<String, Object> extra = csp.equals("gcp") ? Map.of(ScraperConfig.GCP_API_KEY, GCP_KEY) : Map.of();
        ScraperConfig config = PublishFixture.config(stack, csp + "_publish", csp, sim.url(), PARTITIONS, extra);
        CatalogueTruth truth = sim.truth();

        RunOutcome outcome = new ScrapeRunner(config).publish(PriceScrapers.forCsp(csp, config), registry);

        assertThat(outcome.verdict().verdict()).isEqualTo(RunVerdict.OK);
        List<ConsumerRecord<PriceKey, SpecificRecord>> raw = PublishFixture.readAll(stack, config.rawTopic(csp),
                PriceSerdes.priceKey(registry).deserializer(), PriceSerdes.rawValue(registry).deserializer());
        Map<String, SkuPrice> byId = new HashMap<>();
        raw.stream().filter(r -> r.value() instanceof SkuPrice).forEach(r -> byId.put(r.key().getPriceId(), (SkuPrice) r.value()));
        assertThat(raw.stream().filter(r -> r.value() instanceof SkuPrice)).hasSize((int) truth.total(simCsp));
        assertThat(byId).hasSize((int) truth.total(simCsp));
        List<String> wrong = new ArrayList<>();
        truth.forEach(simCsp, expected -> {
            SkuPrice actual = byId.get(expected.priceId());
            if (actual == null || expected.price().compareTo(actual.getPrice()) != 0) {
                wrong.add(expected.priceId() + " expected " + expected.price() + " got " + (actual == null ? null : actual.getPrice()));
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(raw.stream().filter(r -> r.value() instanceof RunMarker m && m.getRunId().equals(outcome.run().getRunId())))
                .hasSize(PARTITIONS)
                .allSatisfy(r -> assertThat(((RunMarker) r.value()).getVerdict()).isEqualTo(RunVerdict.OK));
        assertThat(new TreeMap<>(outcome.run().getRecordsPerService())).isEqualTo(new TreeMap<>(truth.countsByService(simCsp)));
        System.out.printf("%s published against csp-sim: %d records, %.2f MB in %d ms: %.2f MB/s, %.0f records/s%n",
                csp, outcome.run().getRecordsPublished(), outcome.run().getBytesDownloaded() / 1e6, outcome.elapsed().toMillis(),
                outcome.megabytesPerSecond(), outcome.recordsPerSecond());
    }
}
