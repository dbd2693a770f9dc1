package io.pricestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchMainTest {

    private static BenchOptions parse(String... args) {
        CommandLine commandLine = BenchMain.commandLine();
        commandLine.parseArgs(args);
        BenchMain main = commandLine.getCommand();
        return main.options(Instant.parse("2026-11-22T15:35:07Z"));
    }

    @Test
    void shouldRunSinkWithDefaultsWhenNoArgumentsAreGiven() {
        BenchOptions options = parse();

        assertThat(options.scenarios()).containsExactly("sink");
        assertThat(options.scale()).isEqualTo(200_000);
        assertThat(options.fsync()).isTrue();
        assertThat(options.partitions()).isEqualTo(3);
        assertThat(options.sinkBatchRecords()).isEqualTo(5000);
        assertThat(options.out()).isEqualTo(Path.of("bench-results", "20261122-153507"));
    }

    @Test
    void shouldKeepScenarioOrderAndOptionsWhenGiven() {
        BenchOptions options = parse("consume-limit", "sink", "--scale", "1000000", "--no-fsync", "--out", "/tmp/x",
                "--partitions", "6", "--sink-batch-records", "10000");

        assertThat(options.scenarios()).containsExactly("consume-limit", "sink");
        assertThat(options.scale()).isEqualTo(1_000_000);
        assertThat(options.fsync()).isFalse();
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.partitions()).isEqualTo(6);
        assertThat(options.sinkBatchRecords()).isEqualTo(10_000);
    }

    @Test
    void shouldNameKnownScenariosWhenOneIsUnknown() {
        assertThatThrownBy(() -> parse("sinc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'sinc'").hasMessageContaining("sink")
                .hasMessageContaining("publish-limit");
    }

    @Test
    void shouldRefuseScaleBelowOne() {
        assertThatThrownBy(() -> parse("--scale", "0")).hasMessageContaining("--scale must be >= 1");
    }

    @Test
    void shouldExitWithUsageErrorWhenOptionIsMalformed() {
        assertThat(BenchMain.commandLine().execute("--scale", "many")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(ScenarioCatalog.names()).containsExactly("sink", "parse-limit", "publish-limit", "consume-limit",
                "copy-limit", "full-refresh");
        assertThat(ScenarioCatalog.resolve(List.of("sink")).get(0).name()).isEqualTo("sink");
    }
}
