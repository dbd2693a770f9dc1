package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;

/**
 * How {@code pricestream up} runs the pipeline: the topics it creates (partitions, replication, raw
 * retention), how often it scrapes, which CSPs, and how long {@code --once} waits for the components to
 * catch up.
 */
public final class PipelineConfig extends ComponentConfig {

    public static final String TOPICS_PARTITIONS = "pipeline.topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR = "pipeline.topics.replication.factor";
    public static final String RAW_RETENTION_MS = "pipeline.raw.retention.ms";
    public static final String SCRAPE_INTERVAL = "pipeline.scrape.interval";
    public static final String CSPS = "pipeline.csps";
    public static final String CATCH_UP_TIMEOUT_MS = "pipeline.catch.up.timeout.ms";

    public static final long DEFAULT_RAW_RETENTION_MS = Duration.ofDays(14).toMillis();

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPICS_PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.HIGH,
                    "Partitions of the pipeline's topics when pricestream up creates them (raw, prices.sku, prices.changes, "
                            + "prices.dlq; prices.runs has one). More partitions = more streams/sink instances can share the work.")
            .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.atLeast(1), Importance.HIGH,
                    "Replication factor of the topics pricestream up creates; 1 for the local stack, 3 on a production cluster.")
            .define(RAW_RETENTION_MS, Type.LONG, DEFAULT_RAW_RETENTION_MS, Range.atLeast(1), Importance.MEDIUM,
                    "Time retention of the raw topics (prices.raw.<csp>): how far back `pricestream replay` can go. Default 14 days.")
            .define(SCRAPE_INTERVAL, Type.STRING, "6h", new IntervalValidator(), Importance.MEDIUM,
                    "Time between the starts of two scrape cycles (every CSP at once), e.g. 6h, 30m, 1d or PT6H.")
            .define(CSPS, Type.LIST, Topics.CSPS, new CspList(), Importance.MEDIUM,
                    "CSPs scraped each cycle, in order. Without --demo, gcp is skipped unless a GCP API key is set.")
            .define(CATCH_UP_TIMEOUT_MS, Type.LONG, 600_000L, Range.atLeast(1), Importance.LOW,
                    "With --once: how long to wait for the streams app, the sink and CDC to process the cycle before failing.");

    /** The pipeline's own Kafka clients (topic admin, lag and progress readers) take the shared {@code kafka.*} overrides. */
    public PipelineConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, KafkaClientScope.shared());
    }

    public int partitions() {
        return getInt(TOPICS_PARTITIONS);
    }

    public short replicationFactor() {
        return getShort(TOPICS_REPLICATION_FACTOR);
    }

    public long rawRetentionMs() {
        return getLong(RAW_RETENTION_MS);
    }

    public Duration scrapeInterval() {
        return ScrapeInterval.parse(getString(SCRAPE_INTERVAL));
    }

    public List<String> csps() {
        return getList(CSPS);
    }

    public Duration catchUpTimeout() {
        return Duration.ofMillis(getLong(CATCH_UP_TIMEOUT_MS));
    }

    private static final class IntervalValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ScrapeInterval.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a duration such as 6h, 30m, 1d or PT6H";
        }
    }

    private static final class CspList implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> csps = (List<String>) value;
            if (csps.isEmpty()) {
                throw new ConfigException(name, value, "at least one CSP is needed");
            }
            for (String csp : csps) {
                if (!Topics.CSPS.contains(csp)) {
                    throw new ConfigException(name, csp, "unknown CSP: expected one of " + Topics.CSPS);
                }
            }
        }

        @Override
        public String toString() {
            return "a non-empty list of " + String.join(", ", Topics.CSPS);
        }
    }
}
