package io.pricestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/** Bad usage of up, status and replay is refused before anything starts or connects (no sockets). */
class UpCommandTest {

    @TempDir
    Path workDir;

    @Test
    void shouldRefuseSomeButNotAllExternalEndpointsNamingTheMissingOnes() {
        CliRun run = CliRun.run(workDir, "up", "--once", "--bootstrap-servers", "kafka:9092");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing schema.registry.url, jdbc.url").contains("set none of them to use the embedded local stack");
    }

    @Test
    void shouldRefuseAnIntervalThatIsNotADuration() {
        CliRun run = CliRun.run(workDir, "up", "--interval", "sometimes");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("pipeline.scrape.interval").contains("sometimes");
    }

    @Test
    void shouldRefuseAReplayStartThatIsNotATime() {
        CliRun run = CliRun.run(workDir, "replay", "--from", "yesterday");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--from 'yesterday' is not a time").contains("2026-11-01T00:00:00Z");
    }

    @Test
    void shouldRefuseAReplayThatEndsBeforeItStarts() {
        CliRun run = CliRun.run(workDir, "replay", "--from", "2026-11-02", "--to", "2026-11-01T00:00:00Z");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--to 2026-11-01T00:00:00Z is before --from 2026-11-02");
    }

    @Test
    void shouldRefuseStatusWithPartialEndpoints() {
        CliRun run = CliRun.run(workDir, "status", "--jdbc-url", "jdbc:postgresql://db:5432/prices");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing kafka.bootstrap.servers, schema.registry.url");
    }
}
