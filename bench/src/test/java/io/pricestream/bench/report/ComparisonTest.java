package io.pricestream.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void shouldDivideRecordsPerSecondWhenComparingTwoStages() {
        StageResult ours = new StageResult("ours", 1_000_000, Duration.ofSeconds(10), "copy", "m");
        StageResult copy = StageResult.limit("copy", 1_000_000, Duration.ofSeconds(4), "m");

        Comparison comparison = Comparison.of(ours, copy, 0.5);

        assertThat(ours.recordsPerSecond()).isCloseTo(100_000.0, within(1e-6));
        assertThat(comparison.ratio()).isCloseTo(0.4, within(1e-9));
        assertThat(comparison.met()).isFalse();
    }

    @Test
    void shouldMeetGoalWhenRatioEqualsIt() {
        assertThat(new Comparison("a", "b", 5.0, 5.0).met()).isTrue();
        assertThat(new Comparison("a", "b", 4.99, 5.0).met()).isFalse();
        assertThat(new Comparison("a", "b", 0.1, null).met()).isTrue();
    }

    @Test
    void shouldRefuseRatioWhenLimitIsZero() {
        assertThatThrownBy(() -> Comparison.ratio(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be > 0");
    }

    @Test
    void shouldRefuseStageWhenWindowIsEmptyOrRecordsNegative() {
        assertThatThrownBy(() -> StageResult.limit("copy", 1, Duration.ZERO, "m"))
                .hasMessageContaining("elapsed of stage 'copy'");
        assertThatThrownBy(() -> StageResult.limit("copy", -1, Duration.ofSeconds(1), "m"))
                .hasMessageContaining("records of stage 'copy'");
    }
}
