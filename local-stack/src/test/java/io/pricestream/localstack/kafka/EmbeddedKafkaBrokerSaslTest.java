package io.pricestream.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import kafka.server.KafkaConfig;

/** The optional SASL/PLAIN client listener: a configuration Kafka accepts, with the plaintext listener kept for the broker. */
class EmbeddedKafkaBrokerSaslTest {

    private final EmbeddedKafkaBroker.Settings settings = new EmbeddedKafkaBroker.Settings(Path.of("/tmp/unused-kafka"), 19092, 19093, 1);
    private final EmbeddedKafkaBroker.SaslPlainListener sasl = new EmbeddedKafkaBroker.SaslPlainListener(19094, Map.of("alice", "a-secret"));

    @Test
    void shouldAdvertiseASaslPlaintextListenerNextToThePlaintextOneWhenAsked() {
        Map<String, Object> props = EmbeddedKafkaBroker.brokerProperties(settings, Optional.of(sasl));
        KafkaConfig config = new KafkaConfig(props, false);

        assertThat(props.get("listener.security.protocol.map").toString()).contains("SASL:SASL_PLAINTEXT");
        assertThat(props).containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("listener.name.sasl.sasl.enabled.mechanisms", "PLAIN");
        assertThat(props.get("listener.name.sasl.plain.sasl.jaas.config").toString()).contains("user_alice=\"a-secret\"");
        assertThat(config.effectiveAdvertisedBrokerListeners().size()).isEqualTo(2);
    }

    @Test
    void shouldHaveNoSaslListenerWhenNotAsked() {
        assertThat(EmbeddedKafkaBroker.brokerProperties(settings).get("listeners").toString()).doesNotContain("SASL");
    }
}
