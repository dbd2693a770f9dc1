package io.pricestream.connect.sink;

/**
 * The sink gave up writing a batch: the database stayed unreachable through every retry. Nothing of the
 * batch was stored (its offsets neither), so a restarted sink continues exactly where this one stopped.
 */
public class SinkWriteException extends RuntimeException {

    public SinkWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
