package io.pricestream.scrapers.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.localstack.kafka.EmbeddedKafkaBroker;
import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.testing.TestPrices;

/**
 * The Kafka pass-through ({@code kafka.*} settings) against a real broker whose client listener requires SASL/PLAIN:
 * the publisher and the run-history reader work with the right credentials and fail with Kafka's authentication
 * error with wrong ones. The registry is in memory: only the Kafka side is under test here.
 */
@Timeout(120)
class SaslPublishIT {

    private static final String USER = "pricestream";
    private static final String PASSWORD = "right-secret";

    @TempDir
    static Path logDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, freePort(), freePort(), 2),
                new EmbeddedKafkaBroker.SaslPlainListener(freePort(), Map.of(USER, PASSWORD)));
        // Set-up only: topics are created over the broker's own plaintext listener.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("sasl.raw.aws", 2, (short) 1), new NewTopic("sasl.runs", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishAndReadBackWhenTheSaslCredentialsAreRight() throws Exception {
        ScraperConfig config = config(PASSWORD);
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        ScrapeRun run = ScrapeRun.newBuilder().setRunId("run-sasl").setCsp("aws").setStartedAt(Instant.parse("2025-09-13T08:00:00Z"))
                .setFinishedAt(Instant.parse("2025-09-13T08:05:00Z")).setScope(new RunScope(List.of(), List.of()))
                .setVerdict(RunVerdict.OK).setRecordsPublished(1L).setRecordsPerService(Map.of("AmazonEC2", 1L)).build();

        try (PricePublisher publisher = PricePublisher.open(config, "aws", registry)) {
            publisher.accept(TestPrices.price("SKU1.TERM.RATE", "AmazonEC2", "0.085").build());
            publisher.complete(run);
        }

        // one price and a marker on each of the two partitions, read over the plaintext listener
        assertThat(readAll("sasl.raw.aws")).isEqualTo(3);
        // the consumer side of the same pass-through: the run summary read back over SASL
        Optional<ScrapeRun> last = new KafkaRunHistory(config, registry).lastOk("aws");
        assertThat(last).map(ScrapeRun::getRunId).contains("run-sasl");
        assertThat(config.describe()).containsEntry("kafka.sasl.jaas.config", "[hidden]")
                .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT");
    }

    @Test
    void shouldFailWithKafkasAuthenticationErrorWhenThePasswordIsWrong() {
        ScraperConfig config = config("wrong-secret");

        assertThatThrownBy(() -> PricePublisher.open(config, "aws", new InMemorySchemaRegistryClient()))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("Cannot publish to Kafka at " + broker.saslBootstrapServers() + ": it refused the credentials")
                .hasMessageContaining("Authentication failed: Invalid username or password")
                .hasMessageNotContaining("wrong-secret")
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    private static ScraperConfig config(String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ScraperConfig.BOOTSTRAP_SERVERS, broker.saslBootstrapServers());
        settings.put(ScraperConfig.TOPIC_RAW_PREFIX, "sasl.raw.");
        settings.put(ScraperConfig.TOPIC_RUNS, "sasl.runs");
        settings.put(ScraperConfig.PRODUCER_MAX_BLOCK_MS, "20000");
        settings.put("kafka.security.protocol", "SASL_PLAINTEXT");
        settings.put("kafka.sasl.mechanism", "PLAIN");
        settings.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + USER + "\" password=\"" + password + "\";");
        return new ScraperConfig(settings);
    }

    // Counts every record of the topic, read over the broker's plaintext listener.
    private static int readAll(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        int records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                records += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
