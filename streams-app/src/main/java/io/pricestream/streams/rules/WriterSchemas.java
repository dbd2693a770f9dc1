package io.pricestream.streams.rules;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;

import io.pricestream.schemas.registry.SchemaRegistryClient;

/**
 * The writer schemas the pre-filter meets, by registry id, for one processor: the registry client caches too, but
 * behind a lock and a map of its own, and a raw topic's records nearly all carry the same id or two.
 *
 * <p>Not thread-safe: one per processor.
 */
final class WriterSchemas {

    private final SchemaRegistryClient registry;
    private final Map<Integer, Schema> byId = new HashMap<>();
    private int lastId = -1;
    private Schema lastSchema;

    WriterSchemas(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /**
     * The schema registered under {@code id}; null for an unknown id or a registry that does not answer, which
     * the full decode meets too and reports. Nothing is remembered then, so a registry that comes back is asked
     * again.
     */
    Schema byId(int id) {
        if (id == lastId) {
            return lastSchema;
        }
        Schema schema = byId.get(id);
        if (schema == null) {
            try {
                schema = registry.schemaById(id);
            } catch (RuntimeException e) {
                return null;
            }
            byId.put(id, schema);
        }
        lastId = id;
        lastSchema = schema;
        return schema;
    }
}
