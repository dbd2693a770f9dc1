package io.pricestream.cli.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of the pipeline and the configuration each relies on (DESIGN.md, "Topics"): raw topics keep
 * every scrape for a time (replays), {@code prices.sku} and {@code prices.runs} are compacted (latest state
 * per key), {@code prices.changes} and {@code prices.dlq} keep the broker's default retention.
 */
public final class PipelineTopics {

    private PipelineTopics() {
    }

    /**
     * @param rawTopics  the raw topics of the scraped CSPs
     * @param runsTopic  run summaries (keyed by csp): one partition keeps the runs of all CSPs in one order
     */
    public static List<TopicSpec> of(PipelineConfig config, List<String> rawTopics, String runsTopic, String skuTopic,
                                     String changesTopic, String dlqTopic) {
        int partitions = config.partitions();
        short replication = config.replicationFactor();
        List<TopicSpec> topics = new ArrayList<>();
        for (String raw : rawTopics) {
            topics.add(new TopicSpec(raw, partitions, replication, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.rawRetentionMs()))));
        }
        topics.add(new TopicSpec(skuTopic, partitions, replication, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(new TopicSpec(runsTopic, 1, replication, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(new TopicSpec(changesTopic, partitions, replication, Map.of()));
        topics.add(new TopicSpec(dlqTopic, partitions, replication, Map.of()));
        return topics;
    }
}
