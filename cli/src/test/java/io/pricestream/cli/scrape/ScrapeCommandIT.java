package io.pricestream.cli.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/** {@code pricestream scrape} against csp-sim: dry-run output and publishing to the shared local stack. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ScrapeCommandIT {

    private static final CspSimConfig SIMULATION = CspSimConfig.builder().scale(300).seed(11).build();
    private static CspSimulator simulator;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startSimulator() {
        simulator = CspSimulator.start(SIMULATION);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void shouldPrintOneCsvRowPerSimulatedPriceWhenDryRunning() {
        CliRun run = CliRun.run(workDir, "scrape", "azure", "--endpoint", simulator.url(), "--dry-run", "--format", "csv");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("csp").contains("price_id").contains("price");
        assertThat(lines.subList(1, lines.size())).hasSize((int) simulator.truth().total(Csp.AZURE))
                .allSatisfy(line -> assertThat(line).startsWith("azure,"));
        assertThat(run.err()).contains("azure: OK");
    }

    @Test
    void shouldWriteEveryCspToOneFileWhenDryRunningAllAsJsonLines() throws IOException {
        Path output = workDir.resolve("prices.jsonl");

        CliRun run = CliRun.run(workDir, "scrape", "all", "--endpoint", simulator.url(), "--dry-run", "--format", "jsonl",
                "--output", output.toString(), "--set", "scrapers.gcp.api.key=" + SIMULATION.gcpApiKey());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> perCsp = Files.readAllLines(output).stream().map(line -> readCsp(json, line))
                .collect(Collectors.groupingBy(csp -> csp, Collectors.counting()));
        assertThat(perCsp).containsEntry("aws", simulator.truth().total(Csp.AWS))
                .containsEntry("azure", simulator.truth().total(Csp.AZURE))
                .containsEntry("gcp", simulator.truth().total(Csp.GCP));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldPublishPricesAndMarkersWhenPointedAtKafka() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String prefix = SharedLocalStack.uniqueName("cli_raw") + ".";
        Map<String, String> env = Map.of(
                "PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "PRICESTREAM_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl());

        CliRun run = new CliRun(env, workDir).execute("scrape", "azure", "--endpoint", simulator.url(),
                "--set", "scrapers.topic.raw.prefix=" + prefix,
                "--set", "scrapers.topic.runs=" + SharedLocalStack.uniqueName("cli_runs"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("azure: OK, " + simulator.truth().total(Csp.AZURE) + " prices");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            String topic = prefix + "azure";
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long records = admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
            // every price once, plus one end-of-run marker per partition (idempotent producer, no transactions)
            assertThat(records).isEqualTo(simulator.truth().total(Csp.AZURE) + partitions);
        }
    }

    private static String readCsp(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            return node.get("csp").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
