package io.pricestream.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.VerbSession;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/** {@code pricestream watch} on the shared local stack: change events become lines, filters apply. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WatchCommandIT {

    @TempDir
    Path workDir;

    @Test
    void shouldPrintALinePerMatchingChangeWhenWatchingFromTheBeginning() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String topic = SharedLocalStack.uniqueName("cli_changes");
        produce(stack, topic, List.of(
                change("aws", "AmazonEC2", "p-small", "1.0000", "1.0010", "0.1"),
                change("gcp", "Compute Engine", "p-gcp", "2", "3", "50"),
                change("aws", "AmazonEC2", "p-big", "0.0960", "0.1010", "5.208333333333")));
        Map<String, String> env = VerbSession.environment(stack, "unused");

        try (VerbSession watch = VerbSession.start(env, workDir, "watch", "--topic", topic, "--from-beginning",
                "--csp", "aws", "--min-change-pct", "1")) {
            await().atMost(Duration.ofSeconds(90)).until(() -> watch.run().out().contains("p-big") || !watch.isRunning());
            // One partition, p-big produced last: when it is printed, the two filtered events before it were read.
            assertThat(watch.stop()).as(watch.run().err()).isEqualTo(ExitCodes.OK);
            assertThat(watch.run().out()).contains("CHANGED aws AmazonEC2 us-east-1 p-big 0.0960 → 0.1010 USD/hours (+5.21%)")
                    .doesNotContain("p-small").doesNotContain("p-gcp");
        }
    }

    @Test
    void shouldFailNamingTheTopicWhenItDoesNotExist() {
        PipelineEnvironment stack = ItEnvironment.get();
        String topic = SharedLocalStack.uniqueName("cli_no_changes");

        CliRun run = new CliRun(VerbSession.environment(stack, "unused"), workDir).execute("watch", "--topic", topic);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("Topic '" + topic + "' does not exist");
    }

    private static PriceChanged change(String csp, String service, String priceId, String oldPrice, String newPrice, String pct) {
        return PriceChanged.newBuilder().setCsp(csp).setPriceId(priceId).setSkuId("sku-" + priceId).setChangeType(ChangeType.CHANGED)
                .setOldPrice(new BigDecimal(oldPrice)).setNewPrice(new BigDecimal(newPrice)).setChangePct(new BigDecimal(pct))
                .setCurrency("USD").setUnit("hours").setRegion("us-east-1").setService(service)
                .setCommittedAt(Instant.parse("2026-11-22T14:03:12Z")).setSourceLsn(1L).build();
    }

    private static void produce(PipelineEnvironment stack, String topic, List<PriceChanged> events) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        try (KafkaProducer<PriceKey, PriceChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.priceChanged(registry).serializer())) {
            for (PriceChanged event : events) {
                producer.send(new ProducerRecord<>(topic, new PriceKey(event.getCsp(), event.getPriceId()), event)).get();
            }
        }
    }
}
