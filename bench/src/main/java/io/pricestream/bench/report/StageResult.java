package io.pricestream.bench.report;

import java.time.Duration;
import java.util.Objects;

/**
 * One measured stage: how many records it moved in how long, and optionally the stage it is judged
 * against (its physical limit, measured in the same run).
 *
 * @param stage       the stage's name, e.g. {@code pricestream-sink}
 * @param records     records moved in the measured window
 * @param elapsed     length of the measured window
 * @param limitStage  name of the limit stage, or {@code null} when this stage is itself a limit
 * @param method      one line on how the window was measured (start and end events)
 */
public record StageResult(String stage, long records, Duration elapsed, String limitStage, String method) {

    public StageResult {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(elapsed, "elapsed");
        if (records < 0) {
            throw new IllegalArgumentException("records of stage '" + stage + "' must be >= 0, got " + records);
        }
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed of stage '" + stage + "' must be > 0, got " + elapsed);
        }
    }

    /** A limit stage: nothing to compare it against. */
    public static StageResult limit(String stage, long records, Duration elapsed, String method) {
        return new StageResult(stage, records, elapsed, null, method);
    }

    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    public double recordsPerSecond() {
        return records / seconds();
    }
}
