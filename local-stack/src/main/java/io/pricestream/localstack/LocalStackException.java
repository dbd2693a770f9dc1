package io.pricestream.localstack;

/**
 * The local stack could not start (or stop) one of its parts. The message names the part and the path or
 * port involved, so the operator knows what to fix.
 */
public class LocalStackException extends RuntimeException {

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
