package io.pricestream.scrapers.publish;

/** Publishing to Kafka failed (broker unreachable, topic missing, send rejected); the message names the servers. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
