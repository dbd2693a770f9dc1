package io.pricestream.bench.report;

import java.util.Objects;

/**
 * A throughput ratio between two stages of the same run, e.g. ours / Debezium, with the goal it must reach.
 *
 * @param stage    the numerator stage (ours)
 * @param against  the denominator stage (a limit or a peer)
 * @param ratio    records/s of {@code stage} divided by records/s of {@code against}
 * @param goal     the minimum ratio we aim for, or {@code null} when there is none
 */
public record Comparison(String stage, String against, double ratio, Double goal) {

    public Comparison {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(against, "against");
    }

    /** The ratio of the two stages' records/s. */
    public static Comparison of(StageResult ours, StageResult theirs, Double goal) {
        return new Comparison(ours.stage(), theirs.stage(), ratio(ours.recordsPerSecond(), theirs.recordsPerSecond()), goal);
    }

    /** {@code ours / limit}; a limit of 0 records/s would make any ratio meaningless, so it is refused. */
    public static double ratio(double ours, double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("limit must be > 0 records/s to compute a ratio, got " + limit);
        }
        return ours / limit;
    }

    /** Whether the goal is reached; {@code true} when there is no goal. */
    public boolean met() {
        return goal == null || ratio >= goal;
    }
}
