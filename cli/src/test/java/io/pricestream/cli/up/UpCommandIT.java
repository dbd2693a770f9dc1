package io.pricestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.cli.CliRun;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/**
 * {@code pricestream up --demo --once} through the command line, on the shared local stack's endpoints with topics,
 * groups, slot and database of its own; then {@code pricestream status --json} reports what the summary said.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class UpCommandIT {

    private static final Pattern SUMMARY_LINE = Pattern.compile("(?m)^  (aws|azure|gcp) +(\\w+) +(\\d+) +(\\d+) +(\\d+) ");

    private final PipelineEnvironment stack = ItEnvironment.get();

    @TempDir
    Path workDir;

    @Test
    void shouldRunOneDemoCycleWhoseSummaryMatchesTheStatus() throws Exception {
        String base = SharedLocalStack.uniqueName("up");
        String jdbcUrl;
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + base);
        }
        jdbcUrl = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + base;
        Map<String, String> env = new HashMap<>();
        env.put("PRICESTREAM_JDBC_USER", stack.jdbcUser());
        env.put("PRICESTREAM_JDBC_PASSWORD", stack.jdbcPassword());
        List<String> common = new ArrayList<>(List.of("--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--jdbc-url", jdbcUrl));
        for (String setting : List.of("scrapers.topic.raw.prefix=" + base + ".raw.", "scrapers.topic.runs=" + base + ".runs",
                "streams.application.id=" + base + "-streams", "streams.state.dir=" + workDir.resolve("streams"),
                "streams.sku.topic=" + base + ".sku", "streams.dlq.topic=" + base + ".dlq", "sink.group.id=" + base + "-sink",
                "sink.dlq.topic=" + base + ".dlq", "cdc.slot.name=" + base, "cdc.publication.name=" + base, "cdc.topic=" + base + ".changes",
                "cdc.offset.topic=" + base + ".cdc-offsets", "pipeline.topics.partitions=2")) {
            common.add("--set");
            common.add(setting);
        }

        List<String> up = new ArrayList<>(List.of("up", "--demo", "--once", "--scale", "3000"));
        up.addAll(common);
        CliRun run = new CliRun(env, workDir).execute(up.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Created topics: " + base + ".raw.aws").contains("Scrape cycle 1");
        Map<String, long[]> summary = new HashMap<>();
        Matcher lines = SUMMARY_LINE.matcher(run.out());
        while (lines.find()) {
            assertThat(lines.group(2)).as("verdict of " + lines.group(1)).isEqualTo("OK");
            summary.put(lines.group(1), new long[] {Long.parseLong(lines.group(3)), Long.parseLong(lines.group(4)), Long.parseLong(lines.group(5))});
        }
        assertThat(summary).containsOnlyKeys("aws", "azure", "gcp");
        summary.forEach((csp, counts) -> {
            assertThat(counts[1]).as("rows written by the first run of " + csp).isPositive();
            assertThat(counts[2]).as("one NEW event per row written, " + csp).isEqualTo(counts[1]);
        });

        List<String> status = new ArrayList<>(List.of("status", "--json"));
        status.addAll(common);
        CliRun statusRun = new CliRun(env, workDir).execute(status.toArray(String[]::new));
        assertThat(statusRun.exitCode()).as(statusRun.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(statusRun.out());
        long events = 0;
        for (JsonNode runNode : json.get("lastRuns")) {
            long[] counts = summary.get(runNode.get("csp").asText());
            assertThat(runNode.get("verdict").asText()).isEqualTo("OK");
            assertThat(runNode.get("recordsPublished").asLong()).isEqualTo(counts[0]);
        }
        for (JsonNode db : json.get("database")) {
            long[] counts = summary.get(db.get("csp").asText());
            assertThat(db.get("activeRows").asLong()).as("rows of " + db.get("csp")).isEqualTo(counts[1]);
            assertThat(db.get("historyPeriods").asLong()).isEqualTo(counts[1]);
            events += counts[2];
        }
        assertThat(json.get("lastRuns")).hasSize(3);
        assertThat(json.get("database")).hasSize(3);
        assertThat(json.get("eventsPublished").asLong()).isEqualTo(events);
        assertThat(json.get("lag")).allSatisfy(lag -> assertThat(lag.get("lag").asLong()).as(lag.toString()).isZero());
    }
}
