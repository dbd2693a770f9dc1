package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.scrapers.core.ScrapeException;

class GcpApiKeyTest {

    @Test
    void shouldPreferTheConfiguredKeyOverTheEnvironment() throws ScrapeException {
        GcpApiKey key = GcpApiKey.resolve("configured", name -> "from-env");

        assertThat(key.headers()).containsExactly(Map.entry("X-Goog-Api-Key", "configured"));
    }

    @Test
    void shouldFallBackToTheEnvironmentWhenNoKeyIsConfigured() throws ScrapeException {
        GcpApiKey key = GcpApiKey.resolve(null, name -> name.equals("GCP_BILLING_KEY") ? " from-env " : null);

        assertThat(key.headers()).containsEntry("X-Goog-Api-Key", "from-env");
    }

    @Test
    void shouldNameTheVariableWhenNoKeyIsAnywhere() {
        assertThatThrownBy(() -> GcpApiKey.resolve("", name -> ""))
                .isInstanceOf(ScrapeException.class)
                .hasMessageStartingWith("GCP_BILLING_KEY is not set");
    }

    @Test
    void shouldMaskPlainAndUrlEncodedKeyAndNeverPrintIt() throws ScrapeException {
        GcpApiKey key = GcpApiKey.resolve("a+b/c=", name -> null);

        assertThat(key.mask("key=a+b/c= and key=a%2Bb%2Fc%3D")).isEqualTo("key=*** and key=***");
        assertThat(key).hasToString("GcpApiKey[***]");
        ScrapeException scrubbed = key.scrub(new ScrapeException("bad a+b/c=", new IllegalStateException("a%2Bb%2Fc%3D")));
        assertThat(scrubbed).hasMessage("bad ***");
        assertThat(scrubbed.getCause()).hasMessage("java.lang.IllegalStateException: ***");
    }
}
