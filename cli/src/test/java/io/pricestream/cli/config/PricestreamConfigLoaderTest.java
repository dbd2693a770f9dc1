package io.pricestream.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.localstack.LocalStackConfig;

class PricestreamConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldLetFlagBeatEnvAndEnvBeatFileWhenAKeyIsSetInSeveralPlaces() throws IOException {
        Path file = write("""
                local:
                  kafka:
                    port: 1111
                  postgres:
                    port: 2222
                local.registry.port: 3333
                """);
        Map<String, String> env = Map.of(
                "PRICESTREAM_LOCAL_POSTGRES_PORT", "4444",
                "PRICESTREAM_LOCAL_REGISTRY_PORT", "5555");

        LoadedConfig config = new PricestreamConfigLoader(env).load(Optional.of(file),
                Map.of(LocalStackConfig.REGISTRY_PORT, "6666"));

        assertThat(config.values()).containsEntry(LocalStackConfig.KAFKA_PORT, "1111")
                .containsEntry(LocalStackConfig.POSTGRES_PORT, "4444")
                .containsEntry(LocalStackConfig.REGISTRY_PORT, "6666");
        assertThat(config.sourceOf(LocalStackConfig.KAFKA_PORT)).isEqualTo(ConfigSource.FILE);
        assertThat(config.sourceOf(LocalStackConfig.POSTGRES_PORT)).isEqualTo(ConfigSource.ENV);
        assertThat(config.sourceOf(LocalStackConfig.REGISTRY_PORT)).isEqualTo(ConfigSource.FLAG);
        assertThat(config.sourceOf(LocalStackConfig.DATA_DIR)).isEqualTo(ConfigSource.DEFAULT);
        assertThat(config.values()).doesNotContainKey(LocalStackConfig.DATA_DIR);
    }

    @Test
    void shouldJoinYamlListsWithCommasWhenAKeyHoldsAList() throws IOException {
        Path file = write("""
                kafka:
                  bootstrap:
                    servers: [ "a:9092", "b:9093" ]
                """);

        LoadedConfig config = new PricestreamConfigLoader(Map.of()).load(Optional.of(file), Map.of());

        assertThat(config.values()).containsEntry(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, "a:9092,b:9093");
        assertThat(new EndpointsConfig(config.values()).kafkaBootstrapServers()).contains("a:9092,b:9093");
    }

    @Test
    void shouldReportUnknownFileKeysAndKeepThemOutWhenTheFileHasTypos() throws IOException {
        Path file = write("""
                lcoal:
                  data:
                    dir: /tmp/x
                local.kafka.prot: 1
                local.kafka.port: 9
                """);

        LoadedConfig config = new PricestreamConfigLoader(Map.of()).load(Optional.of(file), Map.of());

        assertThat(config.unknownKeys()).containsExactly("lcoal.data.dir", "local.kafka.prot");
        assertThat(config.values()).containsOnlyKeys(LocalStackConfig.KAFKA_PORT);
    }

    @Test
    void shouldIgnoreBlankAndUndeclaredVariablesWhenReadingTheEnvironment() {
        Map<String, String> env = Map.of(
                "PRICESTREAM_LOCAL_DATA_DIR", "  ",
                "PRICESTREAM_NO_SUCH_KEY", "x",
                "PRICESTREAM_JDBC_URL", "jdbc:postgresql://db:5432/prices");

        LoadedConfig config = new PricestreamConfigLoader(env).load(Optional.empty(), Map.of());

        assertThat(config.values()).containsOnly(Map.entry(EndpointsConfig.JDBC_URL, "jdbc:postgresql://db:5432/prices"));
    }

    @Test
    void shouldRefuseUnknownKeysWhenGivenAsFlags() {
        PricestreamConfigLoader loader = new PricestreamConfigLoader(Map.of());

        assertThatThrownBy(() -> loader.load(Optional.empty(), Map.of("local.kafka.prot", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("local.kafka.prot");
    }

    @Test
    void shouldNameTheFileAndLineWhenTheYamlIsBroken() throws IOException {
        Path file = write("local:\n  kafka: [unclosed\n");

        assertThatThrownBy(() -> new PricestreamConfigLoader(Map.of()).load(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line");
    }

    @Test
    void shouldNameTheFileWhenItDoesNotExist() {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> new PricestreamConfigLoader(Map.of()).load(Optional.of(missing), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("pricestream.yaml"), yaml);
    }
}
