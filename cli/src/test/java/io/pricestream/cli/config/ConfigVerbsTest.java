package io.pricestream.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/** Config handling as a user meets it: through the verbs, with stdout, stderr and the exit code. */
class ConfigVerbsTest {

    @TempDir
    Path workDir;

    @Test
    void shouldShowEachValueWithItsSourceWhenFileEnvAndFlagsAreCombined() throws IOException {
        Files.writeString(workDir.resolve("pricestream.yaml"), """
                local:
                  kafka.port: 1111
                  postgres.port: 2222
                jdbc.password: s3cret
                """);
        Map<String, String> env = Map.of("PRICESTREAM_LOCAL_POSTGRES_PORT", "4444");

        CliRun run = new CliRun(env, workDir).execute("config", "show", "--set", "local.postgres.port=5555",
                "--set", "local.registry.port=6666");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("local.kafka.port = 1111  # file")
                .contains("local.postgres.port = 5555  # flag")
                .contains("local.registry.port = 6666  # flag")
                .contains("local.data.dir = ~/.pricestream  # default")
                .contains("jdbc.password = [hidden]  # file")
                .doesNotContain("s3cret");
    }

    @Test
    void shouldTakeTheEnvironmentOverTheFileWhenNoFlagIsGiven() throws IOException {
        Path file = Files.writeString(workDir.resolve("other.yaml"), "local.postgres.port: 2222\n");

        CliRun run = new CliRun(Map.of("PRICESTREAM_LOCAL_POSTGRES_PORT", "4444"), workDir)
                .execute("config", "show", "--config", file.toString());

        assertThat(run.out()).contains("local.postgres.port = 4444  # env");
    }

    @Test
    void shouldWarnNamingTheKeyWhenTheFileHasAnUnknownKey() throws IOException {
        Files.writeString(workDir.resolve("pricestream.yaml"), "local.kafka.prot: 1\n");

        CliRun run = CliRun.run(workDir, "config", "show");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("warning").contains("local.kafka.prot");
    }

    @Test
    void shouldExitWithUsageCodeListingEveryBadKeyWhenValuesAreInvalid() {
        CliRun run = CliRun.run(workDir, "stack", "--kafka-port", "70000", "--set", "local.postgres.user=Not-A-Name");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Invalid configuration (2 problems)")
                .contains("local.kafka.port=70000")
                .contains("local.postgres.user=Not-A-Name")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithUsageCodeWhenTheJdbcUrlIsNotPostgres() {
        CliRun run = CliRun.run(workDir, "db", "migrate", "--jdbc-url", "jdbc:mysql://db/prices");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("jdbc.url").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithUsageCodeNamingTheKeyWhenTheSimulatorScaleIsInvalid() {
        CliRun run = CliRun.run(workDir, "csp-sim", "--scale", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sim.scale=0").doesNotContain("\tat ");
    }

    @Test
    void shouldExitWithUsageCodeWhenScrapeIsGivenAnUnknownCsp() {
        CliRun run = CliRun.run(workDir, "scrape", "oracle", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown CSP 'oracle'");
    }

    @Test
    void shouldExitWithUsageCodeWhenAnOutputFormatIsGivenWithoutDryRun() {
        CliRun run = CliRun.run(workDir, "scrape", "aws", "--format", "csv");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--format and --output apply only with --dry-run");
    }

    @Test
    void shouldExitWithUsageCodeWhenTheConfigFileIsMissing() {
        CliRun run = CliRun.run(workDir, "config", "show", "--config", "missing.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing.yaml").contains("does not exist");
    }
}
