package io.pricestream.schemas.serde;

import java.util.OptionalInt;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes are not a readable Confluent wire-format record: wrong magic byte, too short, a schema id
 * the registry does not know, or an Avro body that does not decode with its writer schema.
 *
 * <p>It is the record's fault, not the environment's: callers route such records to the DLQ. The message
 * says what was wrong; {@link #schemaId()} holds the schema id when the header could be read.
 */
public class WireFormatException extends SerializationException {

    private final Integer schemaId;

    public WireFormatException(String message, Integer schemaId, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    public WireFormatException(String message) {
        this(message, null, null);
    }

    public OptionalInt schemaId() {
        return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
    }
}
