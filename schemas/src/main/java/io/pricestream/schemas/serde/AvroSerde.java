package io.pricestream.schemas.serde;

import java.util.Map;

import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryConfig;

/**
 * An {@link AvroSerializer} and {@link AvroDeserializer} for one schema, sharing one registry client.
 *
 * <p>Either built ready with a client, or built empty and configured the Kafka way
 * ({@link #configure(Map, boolean)} with {@code schema.registry.url}, e.g. as Kafka Streams'
 * {@code default.value.serde}).
 *
 * @param <T> the record type
 */
public class AvroSerde<T> implements Serde<T> {

    private final Schema schema;
    private final boolean sizedBlocks;
    private AvroSerializer<T> serializer;
    private AvroDeserializer<T> deserializer;

    /** Unconfigured; call {@link #configure(Map, boolean)} before use. */
    public AvroSerde(Schema schema) {
        this(schema, false);
    }

    /**
     * Unconfigured; with {@code sizedBlocks} the serializer writes maps and arrays as blocks that carry their size
     * in bytes ({@link AvroSerializer#AvroSerializer(Schema, SchemaRegistryClient, boolean, boolean, boolean)}).
     */
    protected AvroSerde(Schema schema, boolean sizedBlocks) {
        this.schema = schema;
        this.sizedBlocks = sizedBlocks;
    }

    /** Ready to use: registers schemas automatically under {@code <topic>-key} or {@code <topic>-value}. */
    public AvroSerde(Schema schema, SchemaRegistryClient client, boolean isKey) {
        this(schema, client, isKey, false);
    }

    /** Ready to use, as {@link #AvroSerde(Schema, SchemaRegistryClient, boolean)}, maps and arrays in sized blocks if asked. */
    protected AvroSerde(Schema schema, SchemaRegistryClient client, boolean isKey, boolean sizedBlocks) {
        this.schema = schema;
        this.sizedBlocks = sizedBlocks;
        use(client, isKey, true);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (serializer == null) {
            SchemaRegistryConfig config = new SchemaRegistryConfig(configs);
            use(new RestSchemaRegistryClient(config), isKey, config.autoRegisterSchemas());
        } else {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
        }
    }

    private void use(SchemaRegistryClient client, boolean isKey, boolean autoRegister) {
        serializer = new AvroSerializer<>(schema, client, isKey, autoRegister, sizedBlocks);
        deserializer = new AvroDeserializer<>(schema, client);
    }

    @Override
    public Serializer<T> serializer() {
        return ready(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return ready(deserializer);
    }

    private <X> X ready(X part) {
        if (part == null) {
            throw new IllegalStateException("AvroSerde for " + AvroData.name(schema)
                    + " is not configured: call configure() with schema.registry.url or pass a SchemaRegistryClient");
        }
        return part;
    }

    @Override
    public void close() {
        if (serializer != null) {
            serializer.close();
            deserializer.close();
        }
    }
}
