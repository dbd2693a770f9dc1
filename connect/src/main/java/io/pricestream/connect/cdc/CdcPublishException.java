package io.pricestream.connect.cdc;

/** The CDC publisher could not publish change events or could not run its Debezium engine; the message says which and where. */
public final class CdcPublishException extends RuntimeException {

    public CdcPublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public CdcPublishException(String message) {
        super(message);
    }
}
