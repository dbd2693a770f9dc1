package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.InvalidConfigException;

/** {@link CdcConfig} declarations, validation, and the Debezium properties derived from it. */
class CdcConfigTest {

    private static Map<String, Object> minimal() {
        return new HashMap<>(Map.of(
                CdcConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                CdcConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081",
                CdcConfig.JDBC_URL, "jdbc:postgresql://db.example:5433/prices?sslmode=disable",
                CdcConfig.JDBC_USER, "cdc",
                CdcConfig.JDBC_PASSWORD, "s3cret"));
    }

    @Test
    void shouldDocumentEveryKey() {
        assertThat(CdcConfig.CONFIG_DEF.configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).as(key.name).isNotBlank())
                .allSatisfy(key -> assertThat(key.name).as(key.name).startsWith("cdc."));
    }

    @Test
    void shouldNameEveryRequiredKeyWhenConfigIsEmpty() {
        assertThatThrownBy(() -> new CdcConfig(Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(CdcConfig.BOOTSTRAP_SERVERS)
                .hasMessageContaining(CdcConfig.SCHEMA_REGISTRY_URL)
                .hasMessageContaining(CdcConfig.JDBC_URL);
    }

    @Test
    void shouldRejectBadUrlAndSlotNameTogether() {
        Map<String, Object> settings = minimal();
        settings.put(CdcConfig.JDBC_URL, "jdbc:mysql://db/prices");
        settings.put(CdcConfig.SLOT_NAME, "Bad-Slot");

        assertThatThrownBy(() -> new CdcConfig(settings))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(CdcConfig.JDBC_URL).hasMessageContaining("jdbc:postgresql://")
                .hasMessageContaining(CdcConfig.SLOT_NAME).hasMessageContaining("Bad-Slot");
    }

    @Test
    void shouldParseHostPortAndDatabaseFromJdbcUrl() {
        assertThat(PostgresAddress.parse("jdbc:postgresql://db.example:5433/prices?sslmode=disable"))
                .isEqualTo(new PostgresAddress("db.example", 5433, "prices"));
        assertThat(PostgresAddress.parse("jdbc:postgresql://localhost/pricestream"))
                .isEqualTo(new PostgresAddress("localhost", 5432, "pricestream"));
        assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://localhost:5432/"))
                .hasMessageContaining("names no database");
    }

    @Test
    void shouldConfigureDebeziumForFilteredPgoutputWithKafkaOffsets() {
        Properties props = EngineProperties.from(new CdcConfig(minimal()));

        assertThat(props)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("database.hostname", "db.example")
                .containsEntry("database.port", "5433")
                .containsEntry("database.dbname", "prices")
                .containsEntry("database.user", "cdc")
                .containsEntry("database.password", "s3cret")
                .containsEntry("slot.name", "pricestream_prices")
                .containsEntry("publication.name", "pricestream_prices")
                .containsEntry("publication.autocreate.mode", "filtered")
                .containsEntry("table.include.list", "api_price.infra_price")
                .containsEntry("snapshot.mode", "no_data")
                .containsEntry("decimal.handling.mode", "precise")
                .containsEntry("poll.interval.ms", "50")
                .containsEntry("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore")
                .containsEntry("offset.storage.topic", "pricestream-cdc-offsets")
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void shouldMaskPasswordWhenDescribed() {
        assertThat(new CdcConfig(minimal()).describe().get(CdcConfig.JDBC_PASSWORD)).doesNotContain("s3cret");
    }
}
