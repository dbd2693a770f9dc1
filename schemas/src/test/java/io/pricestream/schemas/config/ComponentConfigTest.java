package io.pricestream.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ComponentConfigTest {

    static final ConfigDef DEF = new ConfigDef()
            .define("demo.url", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "Where to connect.")
            .define("demo.batch.max.records", ConfigDef.Type.INT, 500, ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, "Batch bound.")
            .define("demo.password", ConfigDef.Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "Secret.");

    static final class DemoConfig extends ComponentConfig {
        DemoConfig(Map<String, ?> originals) {
            super(DEF, originals);
        }
    }

    @Test
    void shouldNameEveryProblemAtOnceWhenSeveralKeysAreBad() {
        assertThatThrownBy(() -> new DemoConfig(Map.of("demo.batch.max.records", "0", "demo.password", "s3cret")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).extracting(InvalidConfigException.Problem::key)
                            .containsExactlyInAnyOrder("demo.url", "demo.batch.max.records");
                    assertThat(e.getMessage()).contains("demo.batch.max.records=0").doesNotContain("s3cret");
                });
    }

    @Test
    void shouldMaskPasswordsWhenDescribed() {
        DemoConfig config = new DemoConfig(Map.of("demo.url", "http://x", "demo.password", "s3cret"));
        assertThat(config.describe()).containsEntry("demo.password", "[hidden]").containsEntry("demo.batch.max.records", "500");
        assertThat(config.getPassword("demo.password").value()).isEqualTo("s3cret");
    }

    @Test
    void shouldMapKeysToEnvironmentVariablesMechanically() {
        assertThat(ComponentConfig.envName("sink.batch.max.records")).isEqualTo("PRICESTREAM_SINK_BATCH_MAX_RECORDS");
    }

    @Test
    void shouldRenderEveryKeyWithItsDocWhenTabulated() {
        String table = ConfigTable.markdown(DEF);
        assertThat(table).contains("`demo.url`", "required", "`demo.batch.max.records`", "`500`", "Batch bound.", "[1,...]");
    }

    @Test
    void shouldSayUnsetWhenAnOptionalKeyHasNoDefaultValue() {
        ConfigDef optional = new ConfigDef().define("demo.token", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW, "Token.");
        assertThat(ConfigTable.markdown(optional)).contains("| password | unset | Token.").doesNotContain("`null`");
    }
}
