package io.pricestream.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import kafka.server.KafkaConfig;

class EmbeddedKafkaBrokerTest {

    private final EmbeddedKafkaBroker.Settings settings = new EmbeddedKafkaBroker.Settings(Path.of("/tmp/unused-kafka"), 19092, 19093, 5);

    @Test
    void shouldBuildConfigKafkaAcceptsWhenSingleNode() {
        KafkaConfig config = new KafkaConfig(EmbeddedKafkaBroker.brokerProperties(settings), false);

        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.numPartitions()).isEqualTo(5);
        assertThat(config.effectiveAdvertisedBrokerListeners().head().port()).isEqualTo(19092);
    }

    @Test
    void shouldKeepInternalTopicsSingleReplicaWhenSingleNode() {
        // exactly_once_v2 cannot start transactions if the transaction log wants more replicas than exist.
        assertThat(EmbeddedKafkaBroker.brokerProperties(settings))
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("controller.quorum.voters", "1@localhost:19093");
    }
}
