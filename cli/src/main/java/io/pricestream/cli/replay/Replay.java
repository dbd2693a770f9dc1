package io.pricestream.cli.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.cli.pipeline.ConsumerLag;
import io.pricestream.schemas.kafka.PendingRecords;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.cli.pipeline.PriceDatabase;
import io.pricestream.connect.sink.PriceSink;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.streams.PricesStreamsApp;
import io.pricestream.streams.StreamsAppConfig;

/**
 * Reprocesses a time range of the raw topics through the current rules into the database, next to the live
 * pipeline and without touching it (README.md, "pricestream replay"):
 * <ul>
 * <li>a streams app with its own application id ({@code pricestream-replay-<id>}), so its dedupe store starts
 *     empty and its offsets, changelog and transactions are its own; its group's offsets are set to the
 *     range's start before it starts;</li>
 * <li>it writes to a private topic, not {@code prices.sku}: older observations written after newer ones would
 *     otherwise become the compacted "current" value of a key for every other reader of prices.sku;</li>
 * <li>a sink with its own group reads that topic into the same tables; the sink's never-regress rule
 *     ({@code observed_at} strictly later) makes every observation the database already has a no-op, so only
 *     prices the live pipeline never stored (e.g. newly relevant ones) are written, with their history in order.</li>
 * </ul>
 * When the replay app has committed the range's stop offsets and the sink has written everything it emitted,
 * both stop and the private topics and groups are deleted.
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final Duration PAUSE = Duration.ofMillis(500);
    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    /** What the replay did: raw records in range and the sink's outcomes (new, changed, retired, stale, ...). */
    public record Result(String replayId, long rawRecords, Map<String, Long> sinkOutcomes) {
    }

    private final PipelineSettings settings;
    private final String replayId;

    public Replay(PipelineSettings settings, String replayId) {
        this.settings = settings;
        this.replayId = replayId;
    }

    public Result run(List<String> rawTopics, Instant from, Instant to, Duration timeout) throws Exception {
        String topic = replayId + ".sku";
        // Validation does not depend on the rules: the raw records the replay rejects are already on the live DLQ, so
        // the replay's copies go to a private topic that is deleted with the rest.
        String dlq = replayId + ".dlq";
        String sinkGroup = replayId + "-sink";
        // Next to the live app's state (not the OS temp dir, which Kafka Streams warns may lose checkpoints); deleted at the end.
        Path stateDir = Files.createDirectories(settings.streams().stateDir().resolve(replayId));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Admin admin = Admin.create(settings.adminProperties())) {
            ReplayRange range = ReplayRange.of(admin, rawTopics, from, to);
            LOG.info("Replay '{}': {} raw records of {} from {} to {}", replayId, range.records(), rawTopics, from, to == null ? "now" : to);
            int partitions = new ConsumerLag(admin).endOffsets(List.of(settings.streams().skuTopic())).size();
            Optional<Short> replication = Optional.of(settings.pipeline().replicationFactor());
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(Math.max(1, partitions)), replication),
                    new NewTopic(dlq, Optional.of(1), replication))).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            range.start().forEach((partition, offset) -> start.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(replayId, start).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                process(admin, range, rawTopics, topic, dlq, sinkGroup, stateDir, meters, timeout);
            } finally {
                cleanUp(admin, List.of(topic, dlq), sinkGroup);
                deleteQuietly(stateDir);
            }
            return new Result(replayId, range.records(), outcomes(meters));
        }
    }

    private void process(Admin admin, ReplayRange range, List<String> rawTopics, String topic, String dlq, String sinkGroup, Path stateDir,
                         SimpleMeterRegistry meters, Duration timeout) throws InterruptedException {
        Map<String, String> streams = new HashMap<>();
        settings.streams().originalsStrings().forEach(streams::put);
        streams.put(StreamsAppConfig.APPLICATION_ID, replayId);
        streams.put(StreamsAppConfig.RAW_TOPICS, String.join(",", rawTopics));
        streams.remove(StreamsAppConfig.RAW_TOPIC_PATTERN);
        streams.put(StreamsAppConfig.SKU_TOPIC, topic);
        streams.put(StreamsAppConfig.DLQ_TOPIC, dlq);
        streams.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        Map<String, String> sink = new HashMap<>();
        settings.sink().originalsStrings().forEach(sink::put);
        sink.put(SinkConfig.GROUP_ID, sinkGroup);
        sink.put(SinkConfig.TOPIC, topic);
        // One record per sink transaction: the sink keeps only the newest observation of a price within a batch, so a
        // replay of several runs in one batch would lose the intermediate history periods the live pipeline wrote
        // (the live pipeline's runs are hours apart, so its batches never hold two observations of one price).
        sink.put(SinkConfig.BATCH_MAX_RECORDS, "1");
        PriceDatabase database = new PriceDatabase(settings.sink().jdbcUrl(), settings.sink().jdbcUser(), settings.sink().jdbcPassword());
        ConsumerLag lag = new ConsumerLag(admin);
        PendingRecords pending = new PendingRecords(settings.endpoints().bootstrapServers(), settings.kafkaOverrides());
        Instant deadline = Instant.now().plus(timeout);
        try (PricesStreamsApp app = PricesStreamsApp.create(new StreamsAppConfig(streams), meters);
             PriceSink priceSink = PriceSink.create(new SinkConfig(sink), meters)) {
            app.start();
            Thread sinkThread = new Thread(priceSink, replayId + "-sink");
            sinkThread.start();
            waitFor("the replay app to read the range", deadline, app, () -> {
                Map<TopicPartition, Long> committed = lag.committed(replayId, rawTopics);
                return range.stop().entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), range.start().get(e.getKey())) >= e.getValue());
            });
            waitFor("the replay sink to write what the replay app emitted", deadline, app,
                    () -> !pending.any(database.sinkOffsets(sinkGroup, topic), lag.endOffsets(List.of(topic))));
            priceSink.stop();
            sinkThread.join(Duration.ofSeconds(60).toMillis());
        }
    }

    private interface Condition {
        boolean holds();
    }

    private void waitFor(String what, Instant deadline, PricesStreamsApp app, Condition condition) throws InterruptedException {
        while (!condition.holds()) {
            if (app.state() == KafkaStreams.State.ERROR || app.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Replay '" + replayId + "' stopped: its streams app is " + app.state() + "; see the log above");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Replay '" + replayId + "' timed out waiting for " + what);
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    /** Deletes the private topic, the replay app's internal topics and both consumer groups; failures are only logged. */
    private void cleanUp(Admin admin, List<String> privateTopics, String sinkGroup) {
        List<String> topics = new ArrayList<>(privateTopics);
        try {
            admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(replayId + "-")).forEach(topics::add);
            admin.deleteTopics(topics).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Replay '{}': could not delete topics {} ({}); delete them by hand", replayId, topics, e.getMessage());
        }
        for (String group : List.of(replayId, sinkGroup)) {
            try {
                // Kafka Streams does not leave its group on close: remove the departed members first, or the group
                // counts as in use until their session times out.
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                        .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("Replay '{}': no members to remove from group '{}' ({})", replayId, group, e.getMessage());
            }
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Replay '{}': could not delete consumer group '{}' ({}); delete it by hand or let it expire", replayId, group,
                        e.getMessage());
            }
        }
        LOG.info("Replay '{}' cleaned up: topics {}, groups {}, {}", replayId, topics, replayId, sinkGroup);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            LOG.debug("Could not delete the replay state dir '{}': {}", dir, e.getMessage());
        }
    }

    private static Map<String, Long> outcomes(SimpleMeterRegistry meters) {
        return meters.find("pricestream.sink.records").counters().stream()
                .collect(Collectors.toMap(counter -> String.valueOf(counter.getId().getTag("outcome")), counter -> (long) counter.count(),
                        Long::sum, java.util.TreeMap::new));
    }
}
