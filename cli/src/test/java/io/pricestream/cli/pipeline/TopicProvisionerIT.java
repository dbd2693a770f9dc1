package io.pricestream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/** Topic provisioning against the shared local stack's real broker. */
class TopicProvisionerIT {

    private final PipelineEnvironment stack = ItEnvironment.get();

    @Test
    void shouldCreateMissingTopicsAsSpecifiedAndReportDriftOfExistingOnesWithoutChangingThem() throws Exception {
        String base = SharedLocalStack.uniqueName("topics");
        TopicSpec raw = new TopicSpec(base + ".raw", 3, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "86400000"));
        TopicSpec sku = new TopicSpec(base + ".sku", 3, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            // someone created the sku topic before, with one partition and without compaction
            admin.createTopics(List.of(new NewTopic(sku.name(), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);

            TopicProvisioner.Report report = new TopicProvisioner(admin).provision(List.of(raw, sku));

            assertThat(report.created()).containsExactly(raw.name());
            assertThat(report.drift()).containsExactlyInAnyOrder(
                    sku.name() + ": 1 partitions, configured 3 (pipeline.topics.partitions; existing topics are not changed)",
                    sku.name() + ": cleanup.policy=delete, expected compact");
            assertThat(admin.describeTopics(List.of(raw.name())).allTopicNames().get().get(raw.name()).partitions()).hasSize(3);
            ConfigResource rawResource = new ConfigResource(ConfigResource.Type.TOPIC, raw.name());
            Config rawConfig = admin.describeConfigs(List.of(rawResource)).all().get().get(rawResource);
            assertThat(rawConfig.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("86400000");
            assertThat(admin.describeTopics(List.of(sku.name())).allTopicNames().get().get(sku.name()).partitions())
                    .as("existing topics are left as they are").hasSize(1);

            TopicProvisioner.Report again = new TopicProvisioner(admin).provision(List.of(raw));
            assertThat(again.created()).isEmpty();
            assertThat(again.drift()).isEmpty();
        }
    }
}
