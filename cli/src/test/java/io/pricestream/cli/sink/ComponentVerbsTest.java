package io.pricestream.cli.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/**
 * Parsing, help and configuration errors of the component verbs ({@code streams}, {@code sink}, {@code cdc},
 * {@code watch}, {@code rules check}, {@code export}, {@code price}): everything decided before any connection,
 * so no sockets.
 */
class ComponentVerbsTest {

    @TempDir
    Path workDir;

    @Test
    void shouldListTheComponentVerbsWhenAskedForHelp() {
        CliRun run = CliRun.run(workDir, "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("streams").contains("rules").contains("sink").contains("cdc").contains("watch")
                .contains("price").contains("export");
    }

    @Test
    void shouldDescribeEachVerbsOptionsWhenAskedForItsHelp() {
        assertThat(CliRun.run(workDir, "sink", "--help").out()).contains("--topic").contains("--group").contains("--config");
        assertThat(CliRun.run(workDir, "streams", "--help").out()).contains("--rules").contains("--application-id");
        assertThat(CliRun.run(workDir, "cdc", "--help").out()).contains("--drop-slot").contains("--slot");
        assertThat(CliRun.run(workDir, "watch", "--help").out()).contains("--csp").contains("--service")
                .contains("--min-change-pct").contains("--from-beginning");
        assertThat(CliRun.run(workDir, "rules", "check", "--help").out()).contains("FILE").contains("--validate-only").contains("--runs");
        assertThat(CliRun.run(workDir, "export", "--help").out()).contains("--format").contains("--output").contains("--table");
        assertThat(CliRun.run(workDir, "price", "--help").out()).contains("CSP").contains("--json");
    }

    @Test
    void shouldExitTwoWhenAnOptionValueIsBad() {
        assertUsage(CliRun.run(workDir, "watch", "--csp", "ibm"), "Unknown --csp 'ibm'");
        assertUsage(CliRun.run(workDir, "watch", "--min-change-pct", "-1"), "--min-change-pct must not be negative");
        assertUsage(CliRun.run(workDir, "watch", "--min-change-pct", "lots"), "lots");
        assertUsage(CliRun.run(workDir, "export", "--format", "xml"), "Unknown --format 'xml'");
        assertUsage(CliRun.run(workDir, "export"), "--format");
        assertUsage(CliRun.run(workDir, "export", "--format", "csv", "--table", "sink_offsets"), "Unknown --table 'sink_offsets'");
        // a SQL script loads the stored tables; the history view is read-only
        assertUsage(CliRun.run(workDir, "export", "--format", "sql", "--table", "infra_price_history"),
                "Unknown --table 'infra_price_history' for --format sql: expected infra_price or infra_price_period");
        assertUsage(CliRun.run(workDir, "export", "--format", "csv"), "--output DIR");
        assertUsage(CliRun.run(workDir, "price", "ibm", "x"), "Unknown CSP 'ibm'");
        assertUsage(CliRun.run(workDir, "price", "aws"), "ID");
    }

    @Test
    void shouldExitTwoNamingTheMissingEndpointWhenOnlySomeAreSet() {
        // Kafka elsewhere but no registry: neither the local stack nor a half-configured run.
        CliRun run = new CliRun(Map.of("PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"), workDir).execute("watch");

        assertUsage(run, "cdc.schema.registry.url (or schema.registry.url)");
    }

    @Test
    void shouldExitTwoListingEveryBadKeyBeforeConnecting() {
        CliRun run = new CliRun(Map.of("PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "PRICESTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:1", "PRICESTREAM_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/x"),
                workDir).execute("sink", "--set", "sink.batch.max.records=0", "--set", "sink.retry.max.attempts=zero");

        assertUsage(run, "sink.batch.max.records=0");
        assertThat(run.err()).contains("sink.retry.max.attempts=zero");
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(message);
    }
}
