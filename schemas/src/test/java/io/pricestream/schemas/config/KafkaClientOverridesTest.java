package io.pricestream.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class KafkaClientOverridesTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\"s3cret\";";

    @Test
    void shouldStripThePrefixWhenSharedKeysAreGiven() {
        KafkaClientOverrides overrides = KafkaClientOverrides.extract(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.jaas.config", JAAS,
                "sink.batch.max.records", "10"), KafkaClientScope.of("sink"));

        assertThat(overrides.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS));
    }

    @Test
    void shouldPreferTheComponentsOwnKeyWhenBothAreSet() {
        Map<String, String> settings = Map.of(
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.ssl.truststore.location", "/secrets/ca.p12",
                "sink.kafka.sasl.mechanism", "SCRAM-SHA-512",
                "cdc.kafka.sasl.mechanism", "OAUTHBEARER");

        KafkaClientOverrides sink = KafkaClientOverrides.extract(settings, KafkaClientScope.of("sink"));

        assertThat(sink.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/secrets/ca.p12"));
        assertThat(KafkaClientOverrides.extract(settings, KafkaClientScope.shared()).properties())
                .containsEntry("sasl.mechanism", "PLAIN").hasSize(2);
    }

    @Test
    void shouldNotPassTheSharedBootstrapKeyWhenItIsSet() {
        KafkaClientOverrides overrides = KafkaClientOverrides.extract(Map.of(
                "kafka.bootstrap.servers", "b1:9092", "kafka.client.dns.lookup", "use_all_dns_ips"), KafkaClientScope.of("streams"));

        assertThat(overrides.properties()).containsOnlyKeys("client.dns.lookup");
    }

    @Test
    void shouldRefuseEveryOwnedPropertyNamingTheKeyWhenOverridden() {
        KafkaClientScope scope = KafkaClientScope.of("sink").owning("group.id", "has its own key: sink.group.id");

        assertThatThrownBy(() -> KafkaClientOverrides.extract(Map.of(
                "kafka.enable.idempotence", "false",
                "sink.kafka.value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "sink.kafka.bootstrap.servers", "elsewhere:9092",
                "kafka.group.id", "other",
                "kafka.security.protocol", "SSL"), scope))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key)
                        .containsExactlyInAnyOrder("kafka.enable.idempotence", "sink.kafka.value.deserializer",
                                "sink.kafka.bootstrap.servers", "kafka.group.id"))
                .hasMessageContaining("kafka.group.id=other: pricestream sets Kafka's group.id itself and it cannot be overridden: has its own key: sink.group.id")
                .hasMessageContaining("sink.kafka.bootstrap.servers=elsewhere:9092: pricestream sets Kafka's bootstrap.servers itself")
                .hasMessageContaining("sink.bootstrap.servers (or kafka.bootstrap.servers)");
    }

    @Test
    void shouldRefuseAKeyThatNamesNoPropertyWhenOnlyThePrefixIsGiven() {
        assertThatThrownBy(() -> KafkaClientOverrides.extract(Map.of("kafka.", "x"), KafkaClientScope.shared()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key).containsExactly("kafka."));
    }

    @Test
    void shouldMaskSecretsWhenDescribedOrPrinted() {
        KafkaClientOverrides overrides = KafkaClientOverrides.extract(Map.of(
                "kafka.sasl.jaas.config", JAAS,
                "kafka.ssl.truststore.password", "trust-pw",
                "kafka.ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
                "kafka.sasl.oauthbearer.client.credentials.client.secret", "oauth-secret",
                "sink.kafka.security.protocol", "SASL_SSL"), KafkaClientScope.of("sink"));

        assertThat(overrides.describe()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "kafka.sasl.jaas.config", Password.HIDDEN,
                "kafka.ssl.truststore.password", Password.HIDDEN,
                "kafka.ssl.keystore.key", Password.HIDDEN,
                "kafka.sasl.oauthbearer.client.credentials.client.secret", Password.HIDDEN,
                "sink.kafka.security.protocol", "SASL_SSL"));
        assertThat(overrides.toString()).contains("security.protocol=SASL_SSL")
                .doesNotContain("s3cret", "trust-pw", "PRIVATE KEY", "oauth-secret");
    }

    @Test
    void shouldNotEchoASecretWhenItsKeyIsRefused() {
        KafkaClientScope scope = KafkaClientScope.shared().owning("sasl.jaas.config", "test");

        assertThatThrownBy(() -> KafkaClientOverrides.extract(Map.of("kafka.sasl.jaas.config", JAAS), scope))
                .hasMessageContaining("kafka.sasl.jaas.config=[hidden]").hasMessageNotContaining("s3cret");
    }

    @Test
    void shouldReplaceComponentDefaultsWhenAppliedToClientProperties() {
        Properties client = new Properties();
        client.put("request.timeout.ms", "30000");
        client.put("client.id", "pricestream-sink");

        KafkaClientOverrides.extract(Map.of("kafka.request.timeout.ms", "90000", "kafka.security.protocol", "SSL"),
                KafkaClientScope.of("sink")).applyTo(client);

        assertThat(client).containsEntry("request.timeout.ms", "90000").containsEntry("security.protocol", "SSL")
                .containsEntry("client.id", "pricestream-sink");
    }

    @Test
    void shouldTellSecretsByKafkasDeclarationAndByName() {
        assertThat(SecretProperties.isSecret("ssl.key.password")).isTrue();
        assertThat(SecretProperties.isSecret("sasl.jaas.config")).isTrue();
        assertThat(SecretProperties.isSecret("ssl.keystore.key")).isTrue();
        assertThat(SecretProperties.isSecret("basic.auth.user.info")).isTrue();
        assertThat(SecretProperties.isSecret("my.plugin.client.secret")).isTrue();
        assertThat(SecretProperties.isSecret("ssl.truststore.location")).isFalse();
        assertThat(SecretProperties.isSecret("security.protocol")).isFalse();
    }

    static final ConfigDef DEF = new ConfigDef()
            .define("demo.url", ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH, "Where to connect.");

    static final class DemoConfig extends ComponentConfig {
        DemoConfig(Map<String, ?> originals) {
            super(DEF, originals, KafkaClientScope.of("demo"));
        }
    }

    @Test
    void shouldListRefusedOverridesWithTheOtherProblemsWhenAConfigIsBuilt() {
        assertThatThrownBy(() -> new DemoConfig(Map.of("demo.kafka.acks", "1")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
                        .extracting(InvalidConfigException.Problem::key).containsExactlyInAnyOrder("demo.url", "demo.kafka.acks"));
    }

    @Test
    void shouldLogOverridesMaskedWhenAConfigIsDescribed() {
        DemoConfig config = new DemoConfig(Map.of("demo.url", "x", "kafka.sasl.jaas.config", JAAS, "demo.kafka.security.protocol", "SASL_SSL"));

        assertThat(config.describe()).containsEntry("kafka.sasl.jaas.config", Password.HIDDEN)
                .containsEntry("demo.kafka.security.protocol", "SASL_SSL").containsEntry("demo.url", "x");
        assertThat(config.kafkaOverrides().properties()).containsEntry("sasl.jaas.config", JAAS);
    }
}
