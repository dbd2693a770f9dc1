package io.pricestream.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} that is its own registry, in memory: for topology and serde tests that must
 * not open sockets. It follows the registry's rules — one global id per distinct schema, versions per
 * subject, compatibility enforced with {@link CompatibilityChecker}, Confluent's error codes — but keeps
 * nothing across JVMs.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, List<RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
    private int nextId;

    public InMemorySchemaRegistryClient() {
        this(1);
    }

    /** Starts numbering schemas at {@code firstId}, e.g. to see every byte of the id in wire-format tests. */
    public InMemorySchemaRegistryClient(int firstId) {
        this.nextId = firstId;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        for (RegisteredSchema existing : versions) {
            if (existing.schema().equals(schema)) {
                return existing.id();
            }
        }
        List<String> problems = CompatibilityChecker.problems(compatibility(subject), schema, versions);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problems);
        }
        int id = idsByCanonicalSchema.computeIfAbsent(schema.toString(), text -> nextId++);
        schemasById.putIfAbsent(id, schema);
        subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(new RegisteredSchema(subject, versions.size() + 1, id, schema));
        return id;
    }

    @Override
    public synchronized int lookupId(String subject, Schema schema) {
        return versionsOf(subject).stream().filter(v -> v.schema().equals(schema)).findFirst()
                .orElseThrow(() -> new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"))
                .id();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<RegisteredSchema> versions = versionsOf(subject);
        if (version < 1 || version > versions.size()) {
            throw new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        return versions.get(version - 1);
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsOf(subject);
        return versions.get(versions.size() - 1);
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<RegisteredSchema> versions = subjects.getOrDefault(subject, List.of());
        List<RegisteredSchema> latest = versions.isEmpty() ? List.of() : versions.subList(versions.size() - 1, versions.size());
        return CompatibilityChecker.problems(compatibility(subject), schema, latest).isEmpty();
    }

    @Override
    public synchronized CompatibilityLevel compatibility() {
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    private List<RegisteredSchema> versionsOf(String subject) {
        List<RegisteredSchema> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }
}
