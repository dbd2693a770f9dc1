package io.pricestream.schemas.registry;

/**
 * The registry could not be asked: connection refused, timed out, or the connection broke. The message
 * names the registry URL ("cannot reach Schema Registry at http://127.0.0.1:8081: ...").
 *
 * <p>Unlike its parent this says nothing about the request itself: retrying later may succeed.
 */
public class SchemaRegistryUnreachableException extends SchemaRegistryException {

    public SchemaRegistryUnreachableException(String message, Throwable cause) {
        super(-1, -1, message, cause);
    }
}
