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

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/** The Kafka client pass-through keys from the file, the environment and flags, as the loader and the verbs see them. */
class KafkaOverrideKeysTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cret\";";

    @TempDir
    Path workDir;

    @Test
    void shouldAcceptPassThroughKeysFromFileEnvAndFlagsWithTheUsualPrecedence() throws IOException {
        Path file = Files.writeString(workDir.resolve("p.yaml"), """
                kafka:
                  security.protocol: SASL_SSL
                  sasl:
                    mechanism: PLAIN
                sink.kafka.ssl.truststore.location: /file/ca.p12
                """);
        Map<String, String> env = Map.of(
                "PRICESTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "PRICESTREAM_KAFKA_SASL_JAAS_CONFIG", JAAS,
                "PRICESTREAM_SINK_KAFKA_SSL_TRUSTSTORE_LOCATION", "/env/ca.p12",
                "PRICESTREAM_CDC_KAFKA_CLIENT_DNS_LOOKUP", "use_all_dns_ips",
                "PRICESTREAM_KAFKA_BOOTSTRAP_SERVERS", "b1:9092",
                "PRICESTREAM_KAFKA_SSL_KEY_PASSWORD", " ");

        LoadedConfig config = new PricestreamConfigLoader(env).load(Optional.of(file), Map.of("kafka.security.protocol", "SSL"));

        assertThat(config.values())
                .containsEntry("kafka.security.protocol", "SSL")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.sasl.jaas.config", JAAS)
                .containsEntry("sink.kafka.ssl.truststore.location", "/env/ca.p12")
                .containsEntry("cdc.kafka.client.dns.lookup", "use_all_dns_ips")
                .containsEntry(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, "b1:9092")
                .doesNotContainKey("kafka.ssl.key.password");
        assertThat(config.sourceOf("kafka.security.protocol")).isEqualTo(ConfigSource.FLAG);
        assertThat(config.sourceOf("kafka.sasl.mechanism")).isEqualTo(ConfigSource.ENV);
        assertThat(config.unknownKeys()).isEmpty();
    }

    @Test
    void shouldStillRefuseAnUnknownFlagWhenItOnlyLooksLikeAPrefix() {
        assertThatThrownBy(() -> new PricestreamConfigLoader(Map.of()).load(Optional.empty(),
                Map.of("kafkaa.security.protocol", "SSL", "sinks.kafka.acks", "1", "kafka.", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafkaa.security.protocol").hasMessageContaining("sinks.kafka.acks").hasMessageContaining("kafka.");
    }

    @Test
    void shouldMaskSecretPassThroughValuesWhenConfigIsShown() {
        CliRun run = new CliRun(Map.of("PRICESTREAM_KAFKA_SASL_JAAS_CONFIG", JAAS), workDir)
                .execute("config", "show", "--set", "kafka.security.protocol=SASL_SSL", "--set", "sink.kafka.ssl.truststore.password=tpw");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("kafka.sasl.jaas.config = [hidden]  # env")
                .contains("kafka.security.protocol = SASL_SSL  # flag")
                .contains("sink.kafka.ssl.truststore.password = [hidden]  # flag")
                .doesNotContain("s3cret").doesNotContain("tpw");
    }

    @Test
    void shouldRefuseAnOwnedPropertyNamingTheKeyBeforeConnectingWhenAVerbStarts() {
        CliRun run = new CliRun(Map.of(), workDir).execute("sink",
                "--set", "sink.bootstrap.servers=127.0.0.1:1",
                "--set", "sink.schema.registry.url=http://127.0.0.1:1",
                "--set", "sink.jdbc.url=jdbc:postgresql://127.0.0.1:1/none",
                "--set", "sink.kafka.enable.auto.commit=true",
                "--set", "kafka.security.protocol=SASL_SSL");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("sink.kafka.enable.auto.commit=true")
                .contains("pricestream sets Kafka's enable.auto.commit itself")
                .doesNotContain("kafka.security.protocol=SASL_SSL:");
    }

    @Test
    void shouldDeriveEachComponentsPrefixFromItsScope() {
        assertThat(KafkaOverrideKeys.prefixes()).containsExactly("kafka.", "scrapers.kafka.", "streams.kafka.", "sink.kafka.", "cdc.kafka.");
        assertThat(KafkaOverrideKeys.shown("cdc.kafka.sasl.jaas.config", JAAS)).isEqualTo("[hidden]");
        assertThat(KafkaOverrideKeys.shown("kafka.ssl.truststore.type", "PKCS12")).isEqualTo("PKCS12");
    }
}
