package io.pricestream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.config.ConfigTable;
import io.pricestream.schemas.config.InvalidConfigException;

class SchemaRegistryConfigTest {

    @Test
    void shouldDocumentEveryKey() {
        assertThat(SchemaRegistryConfig.CONFIG_DEF.configKeys().values())
                .allSatisfy(key -> assertThat(key.documentation).isNotBlank());
        assertThat(ConfigTable.markdown(SchemaRegistryConfig.CONFIG_DEF)).contains("`schema.registry.url`", "`auto.register.schemas`");
    }

    @Test
    void shouldShowTheDeclaredKeysInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains(ConfigTable.markdown(SchemaRegistryConfig.CONFIG_DEF));
    }

    @Test
    void shouldNameTheUrlWhenConfigIsEmpty() {
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key).containsExactly("schema.registry.url"));
    }

    @Test
    void shouldApplyDefaultsAndIgnoreOtherClientsKeys() {
        SchemaRegistryConfig config = new SchemaRegistryConfig(Map.of(
                "schema.registry.url", "http://127.0.0.1:8081, http://127.0.0.1:8082/",
                "bootstrap.servers", "localhost:9092"));

        assertThat(config.urls()).containsExactly(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082/"));
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.basicAuthUserInfo()).isEmpty();
    }

    @Test
    void shouldListEveryBadValueWithoutShowingTheSecret() {
        assertThatThrownBy(() -> new SchemaRegistryConfig(Map.of(
                "schema.registry.url", "localhost:8081",
                "auto.register.schemas", "maybe",
                "basic.auth.user.info", "no-colon-secret")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder("schema.registry.url", "auto.register.schemas", "basic.auth.user.info"))
                .message().doesNotContain("no-colon-secret");
    }

    @Test
    void shouldKeepCredentialsButMaskThemWhenDescribed() {
        SchemaRegistryConfig config = new SchemaRegistryConfig(Map.of(
                "schema.registry.url", "https://registry.example:8081", "basic.auth.user.info", "svc:s3cret"));

        assertThat(config.basicAuthUserInfo()).hasValue("svc:s3cret");
        assertThat(config.describe()).containsEntry("basic.auth.user.info", "[hidden]");
    }

    @Test
    void shouldReadAutoRegisterFromAMapWithoutUrl() {
        assertThat(SchemaRegistryConfig.autoRegisterSchemas(Map.of())).isTrue();
        assertThat(SchemaRegistryConfig.autoRegisterSchemas(Map.of("auto.register.schemas", "false"))).isFalse();
        assertThat(SchemaRegistryConfig.autoRegisterSchemas(Map.of("auto.register.schemas", false))).isFalse();
    }

    @Test
    void shouldPreferTheComponentsCredentialsWhenBuiltForAComponent() {
        SchemaRegistryConfig config = SchemaRegistryConfig.forComponent(Map.of(
                "sink.schema.registry.url", "https://registry.example.com",
                "sink.schema.registry.basic.auth.user.info", "sink:pw1",
                "basic.auth.user.info", "shared:pw2",
                "schema.registry.request.timeout.ms", "5000"), "sink.schema.registry.url", "sink.schema.registry.basic.auth.user.info");

        assertThat(config.urls()).containsExactly(URI.create("https://registry.example.com"));
        assertThat(config.basicAuthUserInfo()).contains("sink:pw1");
        assertThat(config.requestTimeoutMs()).isEqualTo(5000);
    }

    @Test
    void shouldFallBackToTheSharedCredentialsWhenTheComponentHasNone() {
        SchemaRegistryConfig config = SchemaRegistryConfig.forComponent(Map.of(
                "cdc.schema.registry.url", "http://r:8081", "basic.auth.user.info", "shared:pw2"),
                "cdc.schema.registry.url", "cdc.schema.registry.basic.auth.user.info");

        assertThat(config.basicAuthUserInfo()).contains("shared:pw2");
        assertThat(SchemaRegistryConfig.forComponent(Map.of("cdc.schema.registry.url", "http://r:8081"),
                "cdc.schema.registry.url", "cdc.schema.registry.basic.auth.user.info").basicAuthUserInfo()).isEmpty();
    }

    @Test
    void shouldRefuseUserInfoWithoutAColonWhenBuiltForAComponent() {
        assertThatThrownBy(() -> SchemaRegistryConfig.forComponent(Map.of("s.url", "http://r:8081", "s.user.info", "nocolon"),
                "s.url", "s.user.info"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("expected user:password")
                .hasMessageNotContaining("nocolon");
    }
}
