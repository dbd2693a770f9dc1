package io.pricestream.scrapers.gcp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.pricestream.scrapers.core.ScrapeException;

/**
 * The Cloud Billing API key, and the one place that keeps it out of logs and error messages.
 *
 * <p>The key travels in the {@value #HEADER} request header (the API accepts it there as well as in a
 * {@code key=} query parameter), so it is never part of a URL that the HTTP layer logs on a retry or names in a
 * failure. As a second line of defence every failure leaving the scraper is rebuilt with
 * {@link #scrub(ScrapeException)}, which masks the key wherever it appears (an echoing error body, say).
 */
final class GcpApiKey {

    /** Environment variable read when no key is configured. */
    static final String ENV = "GCP_BILLING_KEY";
    static final String MASK = "***";
    /** The request header Google APIs read an API key from. */
    static final String HEADER = "X-Goog-Api-Key";

    private final String value;
    private final String encoded;

    private GcpApiKey(String value) {
        this.value = value;
        this.encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The configured key if there is one, else {@value #ENV} from {@code environment}; fails clearly if neither. */
    static GcpApiKey resolve(String configured, UnaryOperator<String> environment) throws ScrapeException {
        String key = configured != null && !configured.isBlank() ? configured : environment.apply(ENV);
        if (key == null || key.isBlank()) {
            throw new ScrapeException(ENV + " is not set: the GCP Cloud Billing Catalog API needs an API key from a "
                    + "project with the Cloud Billing API enabled; set " + ENV + " or configure the key");
        }
        return new GcpApiKey(key.trim());
    }

    /** The request headers that authenticate a call with this key. */
    Map<String, String> headers() {
        return Map.of(HEADER, value);
    }

    /** {@code text} with every occurrence of the key (plain or URL-encoded) replaced by {@value #MASK}. */
    String mask(String text) {
        if (text == null) {
            return null;
        }
        return text.replace(value, MASK).replace(encoded, MASK);
    }

    /**
     * The same failure with the key masked in its message and in every cause's message; stack traces are kept,
     * the original (unmasked) exceptions are not.
     */
    ScrapeException scrub(ScrapeException failure) {
        ScrapeException clean = new ScrapeException(mask(failure.getMessage()), scrubCause(failure.getCause()));
        clean.setStackTrace(failure.getStackTrace());
        return clean;
    }

    private Throwable scrubCause(Throwable cause) {
        if (cause == null) {
            return null;
        }
        ScrapeException clean = new ScrapeException(cause.getClass().getName() + ": " + mask(cause.getMessage()),
                scrubCause(cause.getCause() == cause ? null : cause.getCause()));
        clean.setStackTrace(cause.getStackTrace());
        return clean;
    }

    @Override
    public String toString() {
        return "GcpApiKey[" + MASK + "]";
    }
}
