package io.pricestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    static final Schema V1 = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"}]}""");
    static final Schema V2_DEFAULTED = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"note","type":["null","string"],"default":null}]}""");
    static final Schema V2_REQUIRED = parse("""
            {"type":"record","name":"Item","namespace":"t","fields":[{"name":"id","type":"string"},
             {"name":"qty","type":"int"}]}""");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldGiveTheSameIdForTheSameSchemaInAnySubject() {
        int first = registry.register("a-value", V1);

        assertThat(registry.register("a-value", V1)).isEqualTo(first);
        assertThat(registry.register("b-value", V1)).isEqualTo(first);
        assertThat(registry.versions("a-value")).containsExactly(1);
        assertThat(registry.schemaById(first)).isEqualTo(V1);
    }

    @Test
    void shouldAcceptADefaultedFieldAndRefuseARequiredOneUnderBackward() {
        registry.register("a-value", V1);

        int v2 = registry.register("a-value", V2_DEFAULTED);

        assertThat(registry.latest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, v2, V2_DEFAULTED));
        assertThat(registry.isCompatible("a-value", V2_REQUIRED)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", V2_REQUIRED))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("Schema being registered is incompatible with an earlier schema for subject \"a-value\"")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldAcceptAnythingUnderNoneAndHonourTheSubjectLevelOverTheGlobal() {
        registry.register("a-value", V1);
        registry.setCompatibility("a-value", CompatibilityLevel.NONE);

        registry.register("a-value", V2_REQUIRED);

        assertThat(registry.compatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.compatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.versions("a-value")).containsExactly(1, 2);
    }

    @Test
    void shouldCheckEveryEarlierVersionWhenTransitive() {
        registry.setCompatibility(CompatibilityLevel.NONE);
        registry.register("a-value", V2_REQUIRED);
        registry.register("a-value", V1);
        registry.setCompatibility(CompatibilityLevel.FORWARD_TRANSITIVE);

        // V2_DEFAULTED is forward compatible with V1 (latest) but V2_REQUIRED (version 1) cannot read it: qty is missing
        assertThatThrownBy(() -> registry.register("a-value", V2_DEFAULTED))
                .hasMessageContaining("version 1 cannot read data written with the new schema");

        registry.setCompatibility(CompatibilityLevel.FORWARD);
        assertThat(registry.register("a-value", V2_DEFAULTED)).isPositive();
    }

    @Test
    void shouldAnswerConfluentErrorCodesForMissingThings() {
        registry.register("a-value", V1);

        assertThatThrownBy(() -> registry.versions("nope")).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.version("a-value", 9)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40402));
        assertThatThrownBy(() -> registry.schemaById(42)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.lookupId("a-value", V2_DEFAULTED)).isInstanceOfSatisfying(SchemaRegistryException.class,
                e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
