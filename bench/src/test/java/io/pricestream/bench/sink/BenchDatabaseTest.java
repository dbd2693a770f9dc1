package io.pricestream.bench.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class BenchDatabaseTest {

    @Test
    void shouldRememberFirstNonZeroValueWhenPollingUpToTarget() {
        long[] sequence = {0, 0, 500, 900, 1000};
        AtomicLong calls = new AtomicLong();

        BenchDatabase.Progress progress = BenchDatabase.await("test", () -> sequence[(int) Math.min(calls.getAndIncrement(), 4)],
                1000, () -> false, Duration.ofMillis(1), Duration.ofSeconds(10));

        assertThat(progress.firstValue()).isEqualTo(500);
        assertThat(progress.steadyRecords(1000)).isEqualTo(500);
        assertThat(progress.doneNanos()).isGreaterThanOrEqualTo(progress.firstNanos());
    }

    @Test
    void shouldReportNoSteadyPartWhenFirstPollAlreadySawTarget() {
        BenchDatabase.Progress progress = BenchDatabase.await("test", () -> 10, 10, () -> false, Duration.ofMillis(1),
                Duration.ofSeconds(1));

        assertThat(progress.steadyRecords(10)).isZero();
    }

    @Test
    void shouldNameWhatItWaitedForWhenTheStageFails() {
        assertThatThrownBy(() -> BenchDatabase.await("rows of x", () -> 3, 10, () -> true, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .hasMessageContaining("rows of x").hasMessageContaining("at 3").hasMessageContaining("failed");
        assertThatThrownBy(() -> BenchDatabase.await("rows of y", () -> 3, 10, () -> false, Duration.ofMillis(1), Duration.ZERO))
                .hasMessageContaining("rows of y").hasMessageContaining("after 0 s");
    }
}
