package io.pricestream.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.registry.CompatibilityLevel;
import io.pricestream.schemas.registry.SchemaRegistryException;

class RegistryStateTest {

    static final Schema V1 = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    static final Schema V2 = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"note","type":["null","string"],"default":null}]}""");
    static final Schema V2_REQUIRED = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"qty","type":"int"}]}""");

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final RegistryState state = RegistryState.load(store);

    @Test
    void shouldShareOneIdAcrossSubjectsAndRepeats() {
        int id = state.register("a-value", V1).id();

        assertThat(state.register("a-value", V1).id()).isEqualTo(id);
        assertThat(state.register("b-value", parse(V1.toString(true))).id()).as("whitespace does not matter").isEqualTo(id);
        assertThat(state.register("a-value", V2).id()).isEqualTo(id + 1);
        assertThat(state.versions("a-value")).containsExactly(1, 2);
        assertThat(state.versions("b-value")).containsExactly(1);
        assertThat(store.readAll()).hasSize(3);
    }

    @Test
    void shouldServeTheSameIdsAndLevelsAfterReloadingTheStore() {
        int first = state.register("a-value", V1).id();
        int second = state.register("a-value", V2).id();
        state.register("raw-value", RawRecords.VALUE_SCHEMA);
        state.setCompatibility("a-value", CompatibilityLevel.FULL);
        state.setCompatibility(null, CompatibilityLevel.NONE);

        RegistryState reloaded = RegistryState.load(store);

        assertThat(reloaded.schemaById(first)).isEqualTo(V1);
        assertThat(reloaded.schemaById(second)).isEqualTo(V2);
        assertThat(reloaded.version("a-value", -1).version()).isEqualTo(2);
        assertThat(reloaded.lookup("raw-value", RawRecords.VALUE_SCHEMA).id()).isEqualTo(second + 1);
        assertThat(reloaded.subjectCompatibility("a-value")).hasValue(CompatibilityLevel.FULL);
        assertThat(reloaded.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(reloaded.register("c-value", V2_REQUIRED).id()).as("ids continue after the highest").isEqualTo(second + 2);
    }

    @Test
    void shouldRefuseAnIncompatibleVersionWithoutStoringIt() {
        state.register("a-value", V1);

        assertThatThrownBy(() -> state.register("a-value", V2_REQUIRED))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageStartingWith("Schema being registered is incompatible with an earlier schema for subject \"a-value\"");
        assertThat(store.readAll()).hasSize(1);
        assertThat(state.compatibilityProblems("a-value", V2_REQUIRED, Optional.of(1))).isNotEmpty();
        assertThat(state.compatibilityProblems("a-value", V2, Optional.of(-1))).isEmpty();
    }

    @Test
    void shouldAnswerNothingWhenTheStoreRefusesTheWrite() {
        RegistryState failing = RegistryState.load(new RefusingStore());

        assertThatThrownBy(() -> failing.register("a-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThat(failing.subjects()).isEmpty();
        assertThatThrownBy(() -> failing.schemaById(1)).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldUseConfluentErrorCodesForMissingThings() {
        state.register("a-value", V1);

        assertThat(codeOf(() -> state.versions("x"))).isEqualTo(40401);
        assertThat(codeOf(() -> state.version("a-value", 2))).isEqualTo(40402);
        assertThat(codeOf(() -> state.schemaById(99))).isEqualTo(40403);
        assertThat(codeOf(() -> state.lookup("a-value", V2))).isEqualTo(40403);
        assertThat(codeOf(() -> state.lookup("x", V1))).isEqualTo(40401);
    }

    private static int codeOf(Runnable action) {
        try {
            action.run();
        } catch (SchemaRegistryException e) {
            return e.errorCode();
        }
        throw new AssertionError("expected a SchemaRegistryException");
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** A store whose disk is gone: every write fails as the Kafka store's does. */
    private static final class RefusingStore implements SchemaStore {
        @Override
        public List<StoreRecord> readAll() {
            return List.of();
        }

        @Override
        public void append(StoreRecord record) {
            throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "Error while writing to schema store refusing");
        }

        @Override
        public String describe() {
            return "refusing";
        }

        @Override
        public void close() {
        }
    }
}
