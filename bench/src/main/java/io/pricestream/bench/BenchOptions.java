package io.pricestream.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The parsed command line of one run.
 *
 * @param scenarios         scenario names in run order
 * @param scale             records per scenario (N)
 * @param out               directory that receives {@code results.json} and {@code results.md}
 * @param fsync             whether PostgreSQL runs with {@code fsync=on, synchronous_commit=on}
 * @param partitions        partitions of every benchmark topic
 * @param seed              seed of the generated data (same seed, same records)
 * @param sinkBatchRecords  {@code sink.batch.max.records} of our sink
 * @param rules             relevance rules of the pipeline scenarios: {@code product-regions}, {@code default} or a file
 */
public record BenchOptions(List<String> scenarios, long scale, Path out, boolean fsync, int partitions, long seed,
                           int sinkBatchRecords, String rules) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    public BenchOptions {
        scenarios = List.copyOf(scenarios);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("at least one scenario is needed");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("--scale must be >= 1, got " + scale);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        if (rules == null || rules.isBlank()) {
            throw new IllegalArgumentException("--rules must be product-regions, default or a rules file");
        }
        if (sinkBatchRecords < 1) {
            throw new IllegalArgumentException("--sink-batch-records must be >= 1, got " + sinkBatchRecords);
        }
    }

    /** The default output directory of a run started at {@code startedAt}: {@code bench-results/<UTC timestamp>}. */
    public static Path defaultOut(Instant startedAt) {
        return Path.of("bench-results", STAMP.format(startedAt));
    }
}
