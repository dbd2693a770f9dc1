package io.pricestream.schemas.registry;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Decides whether a new schema may follow the earlier versions of a subject at a given
 * {@link CompatibilityLevel}, using Avro's own schema-resolution rules ({@link SchemaCompatibility}).
 *
 * <p>BACKWARD: the new schema, as reader, must read what the old ones wrote. FORWARD: the old ones, as
 * readers, must read what the new one writes. FULL: both. Non-transitive levels look at the latest
 * version only.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * The reasons {@code candidate} may not follow {@code earlier} (a subject's versions, oldest first); empty when it may.
     * Each reason names the direction, the old version, Avro's incompatibility type and location.
     */
    public static List<String> problems(CompatibilityLevel level, Schema candidate, List<RegisteredSchema> earlier) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems;
        }
        int from = level.transitive() ? 0 : earlier.size() - 1;
        for (int i = from; i < earlier.size(); i++) {
            Schema old = earlier.get(i).schema();
            int version = earlier.get(i).version();
            if (level.backward()) {
                describe("new schema cannot read data written with version " + version,
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), problems);
            }
            if (level.forward()) {
                describe("version " + version + " cannot read data written with the new schema",
                        SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), problems);
            }
        }
        return problems;
    }

    private static void describe(String direction, SchemaCompatibility.SchemaPairCompatibility pair, List<String> problems) {
        for (SchemaCompatibility.Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            problems.add("{errorType:'" + incompatibility.getType() + "', location:'" + incompatibility.getLocation()
                    + "', description:'" + direction + ": " + incompatibility.getMessage() + "'}");
        }
    }
}
