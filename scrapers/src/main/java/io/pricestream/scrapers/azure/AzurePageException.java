package io.pricestream.scrapers.azure;

import io.pricestream.scrapers.http.MalformedBodyException;

/**
 * A Retail Prices page that cannot be read: not JSON, truncated, or an item without a required field.
 * A {@link MalformedBodyException}, so the fetcher fails the run at once instead of retrying; the message names the page URL
 * and, for item problems, the item's index and the field.
 */
public class AzurePageException extends MalformedBodyException {

    public AzurePageException(String message) {
        super(message);
    }

    public AzurePageException(String message, Throwable cause) {
        super(message, cause);
    }
}
