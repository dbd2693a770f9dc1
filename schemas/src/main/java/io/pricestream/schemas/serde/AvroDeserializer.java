package io.pricestream.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent wire-format records into specific records of a fixed reader schema: the writer schema is
 * fetched by the id in the header (once per id) and resolved to the reader schema with Avro's rules, so
 * data written with an older compatible schema reads into the current classes.
 *
 * <p>Bytes that are not a readable record raise {@link WireFormatException} (route to the DLQ); a registry
 * that cannot be reached raises a plain {@link SerializationException} (the record may be fine). A
 * {@code null} payload (a tombstone) reads as {@code null}. Thread-safe once configured.
 *
 * @param <T> the reader type: a specific record class, or a supertype of a union's branches
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private final Schema readerSchema;
    private final SpecificData data = AvroData.specific();
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient client;

    /** Unconfigured: {@link #configure(Map, boolean)} creates the registry client from {@code schema.registry.url}. */
    public AvroDeserializer(Schema readerSchema) {
        this(readerSchema, null);
    }

    /** Ready to use with {@code client}. */
    public AvroDeserializer(Schema readerSchema, SchemaRegistryClient client) {
        this.readerSchema = readerSchema;
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = new RestSchemaRegistryClient(new SchemaRegistryConfig(configs));
        }
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int id = WireFormat.schemaId(bytes, topic);
        SpecificDatumReader<T> reader = readerFor(id, topic);
        int bodyLength = bytes.length - WireFormat.HEADER_SIZE;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE, bodyLength, null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new WireFormatException("record of topic '" + topic + "' has bytes left over after its Avro body"
                        + " (writer schema id " + id + ", " + bodyLength + " body bytes): not written with that schema", id, null);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            if (e instanceof WireFormatException wireFormat) {
                throw wireFormat;
            }
            throw new WireFormatException("cannot decode the Avro body of a record of topic '" + topic + "' (" + bodyLength
                    + " bytes) with writer schema id " + id + " as " + AvroData.name(readerSchema) + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), id, e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id, String topic) {
        SpecificDatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer for " + AvroData.name(readerSchema)
                    + " is not configured: call configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        Schema writerSchema;
        try {
            writerSchema = client.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new WireFormatException("record of topic '" + topic + "' names schema id " + id
                        + ", which the registry does not know: " + e.getMessage(), id, e);
            }
            throw new SerializationException("cannot fetch writer schema id " + id + " for a record of topic '" + topic
                    + "': " + e.getMessage(), e);
        }
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, data);
        readersByWriterId.putIfAbsent(id, reader);
        return reader;
    }

    @Override
    public void close() {
        // the registry client holds no resources that outlive it
    }
}
