package io.pricestream.scrapers.gcp;

import io.pricestream.scrapers.http.MalformedBodyException;

/**
 * A Cloud Billing Catalog page that cannot be read: not JSON, truncated, an error body, or a SKU without a
 * required field. An {@link IOException} so it can leave an {@code HttpFetcher.BodyReader}; the message names
 * the page URL and, for SKU problems, the SKU's index and id and the field.
 */
public class GcpPageException extends MalformedBodyException {

    public GcpPageException(String message) {
        super(message);
    }

    public GcpPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
