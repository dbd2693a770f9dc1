package io.pricestream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CycleSummaryTest {

    private static final CycleSummary.Csp AWS = new CycleSummary.Csp("aws", "run-1", "OK", 1200, 40, 38, "", false);
    private static final CycleSummary.Csp GCP = new CycleSummary.Csp("gcp", null, "ERROR", 0, 0, 0, "GCP_BILLING_KEY is not set", true);

    @Test
    void shouldShowOneLinePerCspWithItsCounts() {
        String text = new CycleSummary(2, List.of(AWS, GCP), true).format();

        assertThat(text).startsWith("Scrape cycle 2\n");
        assertThat(text).containsPattern("aws +OK +1200 +40 +38 +run-1");
        assertThat(text).containsPattern("gcp +ERROR +0 +0 +0 +- — GCP_BILLING_KEY is not set");
    }

    @Test
    void shouldFailWhenARunFailedOrTheComponentsDidNotCatchUp() {
        assertThat(new CycleSummary(1, List.of(AWS), true).failed()).isFalse();
        assertThat(new CycleSummary(1, List.of(AWS, GCP), true).failed()).isTrue();
        CycleSummary late = new CycleSummary(1, List.of(AWS), false);
        assertThat(late.failed()).isTrue();
        assertThat(late.format()).contains("components still processing");
    }
}
