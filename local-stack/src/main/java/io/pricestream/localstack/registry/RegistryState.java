package io.pricestream.localstack.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;

import io.pricestream.schemas.registry.CompatibilityChecker;
import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.RegisteredSchema;
import io.pricestream.schemas.registry.SchemaRegistryException;

/**
 * The registry's subjects, versions, ids and compatibility settings, with Confluent's rules: one global id
 * per distinct schema (the same schema under two subjects shares it), versions numbered per subject,
 * registering an already registered schema answers its existing id, and a new version must pass the
 * subject's compatibility level.
 *
 * <p>Every change is appended to the {@link SchemaStore} before it is applied, so an answer is only given
 * for what is durable. All methods are synchronized: registrations are rare and must be serial to number
 * ids and versions without gaps or races.
 */
final class RegistryState {

    private final SchemaStore store;
    private final Map<String, TreeMap<Integer, RegisteredSchema>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
    private int maxId;

    private RegistryState(SchemaStore store) {
        this.store = store;
    }

    /** The state the store's records describe. */
    static RegistryState load(SchemaStore store) {
        RegistryState state = new RegistryState(store);
        store.readAll().forEach(state::apply);
        return state;
    }

    synchronized RegisteredSchema register(String subject, Schema schema) {
        String canonical = schema.toString();
        List<RegisteredSchema> versions = subjects.containsKey(subject) ? List.copyOf(subjects.get(subject).values()) : List.of();
        for (RegisteredSchema existing : versions) {
            if (existing.schema().toString().equals(canonical)) {
                return existing;
            }
        }
        List<String> problems = CompatibilityChecker.problems(compatibility(subject), schema, versions);
        if (!problems.isEmpty()) {
            throw new SchemaRegistryException(409, SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                            + "\", details: " + problems);
        }
        int id = idsByCanonicalSchema.getOrDefault(canonical, maxId + 1);
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        StoreRecord.SchemaVersion record = new StoreRecord.SchemaVersion(subject, version, id, canonical);
        store.append(record);
        apply(record);
        return subjects.get(subject).get(version);
    }

    synchronized RegisteredSchema lookup(String subject, Schema schema) {
        String canonical = schema.toString();
        return versionsOf(subject).values().stream().filter(v -> v.schema().toString().equals(canonical)).findFirst()
                .orElseThrow(() -> new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
    }

    synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsOf(subject).keySet());
    }

    /** A version of {@code subject}; {@code version} -1 means the latest. */
    synchronized RegisteredSchema version(String subject, int version) {
        TreeMap<Integer, RegisteredSchema> versions = versionsOf(subject);
        RegisteredSchema found = version == -1 ? versions.lastEntry().getValue() : versions.get(version);
        if (found == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
        }
        return found;
    }

    /**
     * Why {@code schema} could not follow {@code subject}'s {@code version} (-1 = latest) at the subject's
     * level; or, with {@code version} empty, why it could not be registered now. Empty when it could.
     */
    synchronized List<String> compatibilityProblems(String subject, Schema schema, Optional<Integer> version) {
        if (version.isEmpty()) {
            List<RegisteredSchema> all = subjects.containsKey(subject) ? List.copyOf(subjects.get(subject).values()) : List.of();
            return CompatibilityChecker.problems(compatibility(subject), schema, all);
        }
        RegisteredSchema against = version(subject, version.get());
        CompatibilityLevel level = compatibility(subject);
        // one named version: the level's direction applies to it alone
        return CompatibilityChecker.problems(level, schema, List.of(against));
    }

    synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    /** {@code subject}'s own level, if it has one. */
    synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Sets the global level ({@code subject} null) or a subject's own level. */
    synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        StoreRecord.Config record = new StoreRecord.Config(subject, level);
        store.append(record);
        apply(record);
    }

    synchronized int schemaCount() {
        return schemasById.size();
    }

    private TreeMap<Integer, RegisteredSchema> versionsOf(String subject) {
        TreeMap<Integer, RegisteredSchema> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private void apply(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion version) {
            Schema schema = schemasById.computeIfAbsent(version.id(), id -> new Schema.Parser().parse(version.schema()));
            idsByCanonicalSchema.putIfAbsent(schema.toString(), version.id());
            subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>())
                    .put(version.version(), new RegisteredSchema(version.subject(), version.version(), version.id(), schema));
            maxId = Math.max(maxId, version.id());
        } else if (record instanceof StoreRecord.Config config) {
            if (config.subject() == null) {
                globalLevel = config.level() == null ? CompatibilityLevel.DEFAULT : config.level();
            } else if (config.level() == null) {
                subjectLevels.remove(config.subject());
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
        }
    }
}
