package io.pricestream.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code BenchMain} run measured: when, where, at which scale, every stage and every ratio,
 * plus free-text notes (what was loaded, what the numbers do not cover).
 */
public record RunReport(Instant startedAt, List<String> scenarios, long scale, Environment environment,
                        List<StageResult> stages, List<Comparison> comparisons, List<String> notes) {

    public RunReport {
        Objects.requireNonNull(startedAt, "startedAt");
        scenarios = List.copyOf(scenarios);
        stages = List.copyOf(stages);
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
    }

    /** Collects results while scenarios run; {@link #build} freezes them. */
    public static final class Builder {
        private final Instant startedAt;
        private final List<String> scenarios;
        private final long scale;
        private final List<StageResult> stages = new ArrayList<>();
        private final List<Comparison> comparisons = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(Instant startedAt, List<String> scenarios, long scale) {
            this.startedAt = startedAt;
            this.scenarios = List.copyOf(scenarios);
            this.scale = scale;
        }

        public Builder stage(StageResult stage) {
            if (stage.limitStage() != null) {
                StageResult limit = stages.stream().filter(s -> s.stage().equals(stage.limitStage())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("stage '" + stage.stage() + "' names limit '"
                                + stage.limitStage() + "', which was not measured before it"));
                comparisons.add(Comparison.of(stage, limit, null));
            }
            stages.add(stage);
            return this;
        }

        /** Adds a ratio with a goal; replaces the plain ratio of the same pair added by {@link #stage}. */
        public Builder compare(String stage, String against, Double goal) {
            StageResult ours = find(stage);
            StageResult theirs = find(against);
            comparisons.removeIf(c -> c.stage().equals(stage) && c.against().equals(against));
            comparisons.add(Comparison.of(ours, theirs, goal));
            return this;
        }

        /** Whether a stage of this name was measured. */
        public boolean has(String name) {
            return stages.stream().anyMatch(s -> s.stage().equals(name));
        }

        /** Records/s of the stage named, which must have been measured. */
        public double recordsPerSecond(String name) {
            return find(name).recordsPerSecond();
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public RunReport build(Environment environment) {
            return new RunReport(startedAt, scenarios, scale, environment, stages, comparisons, notes);
        }

        private StageResult find(String name) {
            return stages.stream().filter(s -> s.stage().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no stage named '" + name + "' was measured; have "
                            + stages.stream().map(StageResult::stage).toList()));
        }
    }
}
