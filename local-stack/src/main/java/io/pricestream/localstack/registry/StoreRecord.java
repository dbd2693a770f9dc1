package io.pricestream.localstack.registry;

import io.pricestream.schemas.registry.CompatibilityLevel;

/** One durable fact of the registry: a schema version of a subject, or a compatibility setting. */
public sealed interface StoreRecord {

    /** Version {@code version} of {@code subject} is the schema with global id {@code id} (canonical Avro JSON). */
    record SchemaVersion(String subject, int version, int id, String schema) implements StoreRecord {
    }

    /**
     * The compatibility level of {@code subject}, or the global one when {@code subject} is null; a null
     * {@code level} clears a subject's own level.
     */
    record Config(String subject, CompatibilityLevel level) implements StoreRecord {
    }
}
