package io.pricestream.scrapers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-09-13T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadDelaySeconds() {
        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDate() {
        assertThat(RetryAfter.parse("Sat, 13 Sep 2025 08:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 13 Sep 2025 07:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void shouldIgnoreGarbage() {
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
