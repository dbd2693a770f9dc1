package io.pricestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompatibilityCheckerTest {

    private static final Schema BASE = parse("""
            {"type":"record","name":"Item","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""");
    /** Adds a defaulted field: readable both ways. */
    private static final Schema ADDED_DEFAULTED = parse("""
            {"type":"record","name":"Item","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"},
             {"name":"note","type":["null","string"],"default":null}]}""");
    /** Adds a required field: new readers cannot read old data. */
    private static final Schema ADDED_REQUIRED = parse("""
            {"type":"record","name":"Item","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"},
             {"name":"unit","type":"string"}]}""");
    /** Drops a field the old schema requires: old readers cannot read new data. */
    private static final Schema DROPPED_REQUIRED = parse("""
            {"type":"record","name":"Item","fields":[{"name":"id","type":"string"}]}""");

    @ParameterizedTest(name = "{0}: added defaulted {1}, added required {2}, dropped required {3}")
    @CsvSource({
            "NONE,     true, true,  true",
            "BACKWARD, true, false, true",
            "FORWARD,  true, true,  false",
            "FULL,     true, false, false"})
    void shouldFollowAvroResolutionInTheLevelsDirection(CompatibilityLevel level, boolean addedDefaulted,
            boolean addedRequired, boolean droppedRequired) {
        List<RegisteredSchema> earlier = List.of(new RegisteredSchema("s", 1, 1, BASE));

        assertThat(CompatibilityChecker.problems(level, ADDED_DEFAULTED, earlier).isEmpty()).isEqualTo(addedDefaulted);
        assertThat(CompatibilityChecker.problems(level, ADDED_REQUIRED, earlier).isEmpty()).isEqualTo(addedRequired);
        assertThat(CompatibilityChecker.problems(level, DROPPED_REQUIRED, earlier).isEmpty()).isEqualTo(droppedRequired);
    }

    @ParameterizedTest
    @CsvSource({"BACKWARD, true", "BACKWARD_TRANSITIVE, false", "FULL, true", "FULL_TRANSITIVE, false"})
    void shouldLookPastTheLatestVersionOnlyWhenTransitive(CompatibilityLevel level, boolean accepted) {
        // version 1 lacks 'unit'; version 2 added it with a default; the candidate makes it required
        Schema withDefault = parse("""
                {"type":"record","name":"Item","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"},
                 {"name":"unit","type":"string","default":"hours"}]}""");
        List<RegisteredSchema> earlier = List.of(new RegisteredSchema("s", 1, 1, BASE), new RegisteredSchema("s", 2, 2, withDefault));

        List<String> problems = CompatibilityChecker.problems(level, ADDED_REQUIRED, earlier);

        assertThat(problems.isEmpty()).isEqualTo(accepted);
        if (!accepted) {
            assertThat(problems).first().asString().contains("version 1").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        }
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
