package io.pricestream.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.schemas.registry.SchemaRegistryException;

/**
 * Writes records in the Confluent wire format with a fixed writer schema, registered under the topic's
 * subject ({@code <topic>-key} / {@code <topic>-value}) on first use per topic — or, with
 * {@code auto.register.schemas=false}, only looked up there.
 *
 * <p>The writer schema is given rather than taken from each record so a topic whose value is a union (the
 * raw topics: {@code SkuPrice | RunMarker}) registers the union once. Thread-safe once configured.
 *
 * @param <T> the record type, a specific record or a union branch of {@code schema}
 */
public class AvroSerializer<T> implements Serializer<T> {

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private volatile SchemaRegistryClient client;
    private volatile boolean isKey;
    private volatile boolean autoRegister = true;
    private final boolean sizedBlocks;

    /** Unconfigured: {@link #configure(Map, boolean)} creates the registry client from {@code schema.registry.url}. */
    public AvroSerializer(Schema schema) {
        this(schema, null, false, true);
    }

    /** Ready to use with {@code client}; {@link #configure(Map, boolean)} may still change key-ness and auto-registration. */
    public AvroSerializer(Schema schema, SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        this(schema, client, isKey, autoRegister, false);
    }

    /**
     * As {@link #AvroSerializer(Schema, SchemaRegistryClient, boolean, boolean)}; with {@code sizedBlocks}, maps and
     * arrays are written as blocks that carry their size in bytes ({@link ReusableEncoder#encodeSizedBlocks}), so a
     * reader that does not need one can skip it whole.
     */
    public AvroSerializer(Schema schema, SchemaRegistryClient client, boolean isKey, boolean autoRegister, boolean sizedBlocks) {
        this.schema = schema;
        this.sizedBlocks = sizedBlocks;
        this.writer = new SpecificDatumWriter<>(schema, AvroData.specific());
        this.client = client;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            SchemaRegistryConfig config = new SchemaRegistryConfig(configs);
            client = new RestSchemaRegistryClient(config);
            autoRegister = config.autoRegisterSchemas();
        } else {
            autoRegister = SchemaRegistryConfig.autoRegisterSchemas(configs);
        }
        this.isKey = isKey;
        idsByTopic.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = idsByTopic.computeIfAbsent(topic, this::schemaId);
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(id, header);
        try {
            ReusableEncoder.Body body = encoder -> {
                encoder.writeFixed(header);
                writer.write(data, encoder);
            };
            return sizedBlocks ? ReusableEncoder.encodeSizedBlocks(body) : ReusableEncoder.encode(body);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + data.getClass().getSimpleName() + " for topic '" + topic
                    + "' with schema " + AvroData.name(schema) + " (id " + id + "): " + e.getMessage(), e);
        }
    }

    private int schemaId(String topic) {
        if (client == null) {
            throw new IllegalStateException("AvroSerializer for " + AvroData.name(schema)
                    + " is not configured: call configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        String subject = SubjectNames.topicName(topic, isKey);
        try {
            return autoRegister ? client.register(subject, schema) : client.lookupId(subject, schema);
        } catch (SchemaRegistryException e) {
            String action = autoRegister ? "register" : "find (auto.register.schemas=false)";
            throw new SerializationException("cannot " + action + " schema " + AvroData.name(schema) + " under subject '"
                    + subject + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // the registry client holds no resources that outlive it
    }
}
