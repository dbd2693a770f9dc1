package io.pricestream.scrapers.http;

import java.io.IOException;

/**
 * A response body that is not what its reader expects (not JSON, truncated, drifted format).
 *
 * <p>Readers throw it (or any Jackson {@code JsonProcessingException}) to say "the bytes arrived but are wrong":
 * the fetcher never retries it, it ends the run with an error naming the URL.
 */
public class MalformedBodyException extends IOException {

    public MalformedBodyException(String message) {
        super(message);
    }

    public MalformedBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
