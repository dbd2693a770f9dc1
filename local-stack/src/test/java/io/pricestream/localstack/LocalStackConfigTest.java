package io.pricestream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.ConfigTable;
import io.pricestream.schemas.config.InvalidConfigException;

class LocalStackConfigTest {

    @Test
    void shouldDocumentEveryKey() {
        assertThat(LocalStackConfig.CONFIG_DEF.configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank());
        assertThat(ConfigTable.markdown(LocalStackConfig.CONFIG_DEF)).contains("`local.data.dir`", "`PRICESTREAM_LOCAL_KAFKA_PORT`");
    }

    @Test
    void shouldExpandHomeWhenDataDirIsDefault() {
        LocalStackConfig config = new LocalStackConfig(Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".pricestream").toAbsolutePath());
        assertThat(config.postgresFsync()).isTrue();
        assertThat(config.kafkaPartitionsDefault()).isEqualTo(3);
    }

    @Test
    void shouldTreatPortAsPreferenceWhenNotSetExplicitly() {
        LocalStackConfig config = new LocalStackConfig(Map.of(LocalStackConfig.POSTGRES_PORT, "15432"));

        assertThat(config.port(LocalStackConfig.KAFKA_PORT))
                .isEqualTo(new LocalStackConfig.PortRequest(LocalStackConfig.KAFKA_PORT, 9092, false));
        assertThat(config.port(LocalStackConfig.POSTGRES_PORT))
                .isEqualTo(new LocalStackConfig.PortRequest(LocalStackConfig.POSTGRES_PORT, 15432, true));
        assertThat(config.port(LocalStackConfig.REGISTRY_PORT).port()).isEqualTo(8081);
    }

    @Test
    void shouldNameEveryBadKeyWhenSeveralValuesAreInvalid() {
        Map<String, Object> bad = Map.of(
                LocalStackConfig.KAFKA_PORT, "70000",
                LocalStackConfig.POSTGRES_DATABASE, "Drop Table",
                LocalStackConfig.KAFKA_PARTITIONS_DEFAULT, "0",
                LocalStackConfig.POSTGRES_PASSWORD, "secret-value");

        assertThatThrownBy(() -> new LocalStackConfig(bad))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder(LocalStackConfig.KAFKA_PORT, LocalStackConfig.POSTGRES_DATABASE,
                                LocalStackConfig.KAFKA_PARTITIONS_DEFAULT))
                .hasMessageContaining("70000")
                .hasMessageContaining("Drop Table");
    }

    @Test
    void shouldMaskPasswordWhenDescribed() {
        LocalStackConfig config = new LocalStackConfig(Map.of(LocalStackConfig.POSTGRES_PASSWORD, "s3cret"));

        assertThat(config.describe()).doesNotContainValue("s3cret").containsKey(LocalStackConfig.POSTGRES_PASSWORD);
        assertThat(config.postgresPassword()).isEqualTo("s3cret");
    }
}
