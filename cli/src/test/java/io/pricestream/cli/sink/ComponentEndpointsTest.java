package io.pricestream.cli.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.Endpoints;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.schemas.config.InvalidConfigException;

/** How a component verb's endpoints are resolved when some are configured (no local stack, no sockets). */
class ComponentEndpointsTest {

    private static final Map<ComponentEndpoints.Role, String> SINK_KEYS = ComponentEndpoints.keys(SinkConfig.BOOTSTRAP_SERVERS,
            SinkConfig.SCHEMA_REGISTRY_URL, SinkConfig.JDBC_URL, SinkConfig.JDBC_USER, SinkConfig.JDBC_PASSWORD);

    @Test
    void shouldPreferTheComponentKeyAndFillTheRestFromTheSharedKeysWhenBothAreSet() {
        Endpoints endpoints = new Endpoints();
        LoadedConfig loaded = loaded(Map.of(
                "kafka.bootstrap.servers", "kafka:9092",
                "schema.registry.url", "http://registry:8081",
                "jdbc.url", "jdbc:postgresql://shared/db", "jdbc.user", "shared-user", "jdbc.password", "secret",
                SinkConfig.JDBC_URL, "jdbc:postgresql://sink/db?password=hunter2"));

        try (ComponentEndpoints resolved = ComponentEndpoints.resolve(loaded, SinkConfig.CONFIG_DEF, SINK_KEYS, endpoints)) {
            assertThat(resolved.localStack()).isEmpty();
            assertThat(resolved.settings()).containsEntry(SinkConfig.JDBC_URL, "jdbc:postgresql://sink/db?password=hunter2")
                    .containsEntry(SinkConfig.BOOTSTRAP_SERVERS, "kafka:9092")
                    .containsEntry(SinkConfig.SCHEMA_REGISTRY_URL, "http://registry:8081")
                    .containsEntry(SinkConfig.JDBC_USER, "shared-user")
                    .containsEntry(SinkConfig.JDBC_PASSWORD, "secret");
        }
        assertThat(endpoints.get(EndpointKind.POSTGRES)).contains("jdbc:postgresql://sink/db?password=***");
        assertThat(endpoints.get(EndpointKind.KAFKA)).contains("kafka:9092");
    }

    @Test
    void shouldRefuseNamingTheMissingKeysWhenOnlySomeEndpointsAreSet() {
        LoadedConfig loaded = loaded(Map.of("kafka.bootstrap.servers", "kafka:9092"));

        assertThatThrownBy(() -> ComponentEndpoints.resolve(loaded, SinkConfig.CONFIG_DEF, SINK_KEYS, new Endpoints()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sink.schema.registry.url (or schema.registry.url)")
                .hasMessageContaining("sink.jdbc.url (or jdbc.url)")
                .hasMessageNotContaining("sink.bootstrap.servers");
    }

    @Test
    void shouldListEveryBadKeyOfTheComponentAndTheSharedEndpointsWhenInvalid() {
        LoadedConfig loaded = loaded(Map.of("kafka.bootstrap.servers", "no-port", "schema.registry.url", "http://registry:8081",
                "jdbc.url", "jdbc:postgresql://db/x", SinkConfig.BATCH_MAX_RECORDS, "0"));

        assertThatThrownBy(() -> ComponentEndpoints.resolve(loaded, SinkConfig.CONFIG_DEF, SINK_KEYS, new Endpoints()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .contains("kafka.bootstrap.servers", SinkConfig.BATCH_MAX_RECORDS));
    }

    private static LoadedConfig loaded(Map<String, String> values) {
        return new LoadedConfig(values, Map.of(), Optional.empty(), List.of());
    }
}
