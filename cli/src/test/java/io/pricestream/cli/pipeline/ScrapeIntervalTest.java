package io.pricestream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ScrapeIntervalTest {

    @Test
    void shouldReadShortAndIsoForms() {
        assertThat(ScrapeInterval.parse("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(ScrapeInterval.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ScrapeInterval.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ScrapeInterval.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ScrapeInterval.parse(" 45S ")).isEqualTo(Duration.ofSeconds(45));
        assertThat(ScrapeInterval.parse("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThat(ScrapeInterval.parse("pt15m")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldRefuseWhatIsNotAPositiveDuration() {
        assertThatThrownBy(() -> ScrapeInterval.parse("6 hours")).hasMessageContaining("'6 hours' is not a duration").hasMessageContaining("PT6H");
        assertThatThrownBy(() -> ScrapeInterval.parse("")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> ScrapeInterval.parse("0h")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ScrapeInterval.parse("PT-1H")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ScrapeInterval.parse("Pxyz")).hasMessageContaining("is not a duration");
    }
}
