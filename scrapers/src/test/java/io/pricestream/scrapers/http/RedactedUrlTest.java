package io.pricestream.scrapers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class RedactedUrlTest {

    @Test
    void shouldMaskApiKeysWhenAUrlIsShownInLogsOrErrors() {
        assertThat(FailsafeHttpFetcher.redacted(URI.create("https://cloudbilling.googleapis.com/v1/services?key=AIzaSecret&pageSize=5000")))
                .isEqualTo("https://cloudbilling.googleapis.com/v1/services?key=****&pageSize=5000");
        assertThat(FailsafeHttpFetcher.redacted(URI.create("http://h/v1/services/x/skus?currencyCode=USD&key=AIzaSecret")))
                .isEqualTo("http://h/v1/services/x/skus?currencyCode=USD&key=****");
        assertThat(FailsafeHttpFetcher.redacted(URI.create("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json")))
                .isEqualTo("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/index.json");
    }
}
