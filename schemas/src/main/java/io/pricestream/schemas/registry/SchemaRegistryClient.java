package io.pricestream.schemas.registry;

import java.util.List;

import org.apache.avro.Schema;

/**
 * What the serdes and the tools need from a Confluent-compatible Schema Registry.
 *
 * <p>Every method throws {@link SchemaRegistryException} with the registry's HTTP status and
 * {@code error_code} when the registry refuses, and {@link SchemaRegistryUnreachableException} when it
 * cannot be reached. Implementations are thread-safe.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it there already) and returns its global id. */
    int register(String subject, Schema schema);

    /** The id of {@code schema} if it is registered under {@code subject}; 40401/40403 otherwise. */
    int lookupId(String subject, Schema schema);

    /** The schema with this global id; 40403 if there is none. */
    Schema schemaById(int id);

    /** Every subject, sorted. */
    List<String> subjects();

    /** The versions of {@code subject}, ascending; 40401 if there is no such subject. */
    List<Integer> versions(String subject);

    /** One version of {@code subject}; 40401 / 40402 when missing. */
    RegisteredSchema version(String subject, int version);

    /** The newest version of {@code subject}; 40401 when missing. */
    RegisteredSchema latest(String subject);

    /**
     * Whether {@code schema} could be registered under {@code subject} given the subject's compatibility
     * level, checked against its latest version. A subject without versions accepts anything.
     */
    boolean isCompatible(String subject, Schema schema);

    /** The global compatibility level. */
    CompatibilityLevel compatibility();

    /** The level that applies to {@code subject}: its own, or the global one when it has none. */
    CompatibilityLevel compatibility(String subject);

    /** Sets the global compatibility level. */
    void setCompatibility(CompatibilityLevel level);

    /** Sets {@code subject}'s own compatibility level. */
    void setCompatibility(String subject, CompatibilityLevel level);
}
