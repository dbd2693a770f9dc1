package io.pricestream.cli.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.localstack.kafka.EmbeddedKafkaBroker;
import io.pricestream.localstack.registry.EmbeddedSchemaRegistry;
import io.pricestream.localstack.registry.InMemorySchemaStore;

/**
 * {@code pricestream scrape} against a broker whose client listener requires SASL_PLAINTEXT/PLAIN, configured only
 * through {@code PRICESTREAM_KAFKA_*} environment variables: the whole path from the config loader to the producer.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecuredClusterScrapeIT {

    private static final String PASSWORD = "scrape-secret";

    @TempDir
    static Path logDir;

    private static EmbeddedKafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static CspSimulator simulator;

    @TempDir
    Path workDir;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, freePort(), freePort(), 2),
                new EmbeddedKafkaBroker.SaslPlainListener(freePort(), Map.of("scraper", PASSWORD)));
        registry = EmbeddedSchemaRegistry.start("127.0.0.1", 0, InMemorySchemaStore::new);
        simulator = CspSimulator.start(CspSimConfig.builder().scale(200).seed(5).build());
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishThroughTheSaslListenerWhenTheEnvironmentCarriesTheCredentials() throws Exception {
        CliRun run = new CliRun(environment(PASSWORD), workDir).execute("scrape", "azure", "--endpoint", simulator.url(),
                "--set", "scrapers.topic.raw.prefix=secured.raw.", "--set", "scrapers.topic.runs=secured.runs");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("azure: OK, " + simulator.truth().total(Csp.AZURE) + " prices");
        // counted over the broker's own plaintext listener
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String topic = "secured.raw.azure";
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long records = admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
            assertThat(records).isEqualTo(simulator.truth().total(Csp.AZURE) + partitions);
        }
    }

    @Test
    void shouldFailTheRunNamingKafkaAndTheAuthenticationErrorWhenThePasswordIsWrong() {
        CliRun run = new CliRun(environment("not-the-password"), workDir).execute("scrape", "azure", "--endpoint", simulator.url(),
                "--set", "scrapers.topic.raw.prefix=refused.raw.", "--set", "scrapers.topic.runs=refused.runs");

        // scrape reports a failed run per CSP (exit 5), naming the cluster and Kafka's reason
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.RUN_NOT_OK);
        assertThat(run.err()).contains("azure run failed: Cannot publish to Kafka at " + broker.saslBootstrapServers()
                        + ": it refused the credentials")
                .contains("Authentication failed: Invalid username or password").doesNotContain("not-the-password");
    }

    private static Map<String, String> environment(String password) {
        return Map.of(
                "PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrapServers(),
                "PRICESTREAM_SCHEMA_REGISTRY_URL", registry.url(),
                "PRICESTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "PRICESTREAM_KAFKA_SASL_MECHANISM", "PLAIN",
                "PRICESTREAM_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"scraper\" password=\"" + password + "\";",
                "PRICESTREAM_SCRAPERS_PRODUCER_MAX_BLOCK_MS", "20000");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
