package io.pricestream.scrapers.core;

/** A scrape that cannot complete: the message says what failed and where (URL, page, offer file). */
public class ScrapeException extends Exception {

    public ScrapeException(String message) {
        super(message);
    }

    public ScrapeException(String message, Throwable cause) {
        super(message, cause);
    }
}
