package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.sink.ChangeSequenceLoad.Observation;
import io.pricestream.connect.sink.ExactlyOnceAudit.Position;
import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Current;
import io.pricestream.connect.testing.StoredPrices.Period;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Must-show of the JDBC sink: a sink JVM is killed with SIGKILL at random points of a large load, again and
 * again, each time restarted on the same group and database, then left to finish. The tables must end exactly
 * as {@link PriceModel} says, and no record may have been applied twice.
 *
 * <p>"Applied twice" is looked for three ways, because the sink's no-regression rule makes a replayed record
 * invisible in the tables: {@link ExactlyOnceAudit} (offsets only move forward, each row written once, in the
 * transaction that moves its offset); the records each process counted against the offsets it moved; and the
 * load itself (every price changes again and again, so a replay that got past the rule leaves an extra or
 * misplaced history period). Before every restart Kafka's committed offsets of the group are rewound to the
 * beginning, so a sink that resumed from Kafka instead of from the database would re-read everything.
 *
 * <p>Random choices come from one seed, printed; rerun with {@code -Dpricestream.crash.seed=<seed>} for the
 * same load and kill points (the instants still vary with the machine).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PriceSinkCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(PriceSinkCrashIT.class);

    private static final int PARTITIONS = 2;
    private static final int PRICES_PER_PARTITION = 250;
    private static final int STEPS = 40;
    // far below PRICES_PER_PARTITION, so no batch holds one price twice (see ChangeSequenceLoad)
    private static final int BATCH_MAX_RECORDS = 50;
    private static final int KILLS = 4;
    private static final int SIGKILL_EXIT = 128 + 9;
    private static final Comparator<Current> CURRENT_ORDER = Comparator.comparing(Current::csp).thenComparing(Current::priceId);
    private static final Comparator<Period> PERIOD_ORDER = Comparator.comparing(Period::csp).thenComparing(Period::priceId)
            .thenComparing(Period::validFrom);
    // every column the model knows; numbers by compareTo, so 1.5 equals 1.500000000000 and nothing else does
    private static final Comparator<Current> CURRENT_EXACT = CURRENT_ORDER
            .thenComparing(Current::price, nullable()).thenComparing(Current::tierStart, nullable())
            .thenComparing(Current::tierEnd, nullable()).thenComparing(Current::unit, nullable())
            .thenComparing(Current::currency, nullable()).thenComparing(Current::effectiveFrom, nullable())
            .thenComparing(Current::firstSeenAt, nullable()).thenComparing(Current::lastChangedAt, nullable())
            .thenComparing(Current::observedAt, nullable()).thenComparing(Current::retiredAt, nullable())
            .thenComparing(Current::runId, nullable());
    private static final Comparator<Period> PERIOD_EXACT = PERIOD_ORDER
            .thenComparing(Period::price, nullable()).thenComparing(Period::unit, nullable())
            .thenComparing(Period::validTo, nullable());

    /** One killed sink process: the records stored when it started and when it was killed, and what it had counted. */
    private record Kill(int round, long storedBefore, long storedAfter, long counted) {

        boolean midLoad(long total) {
            return storedAfter > storedBefore && storedAfter < total;
        }
    }

    private final Path logs = Path.of("target", "crash-it");
    private String topic;
    private String group;
    private Map<String, Object> config;
    private Connection polling;

    @Test
    void shouldEndAsTheModelSaysAndApplyNoRecordTwiceWhenTheSinkProcessIsKilledRepeatedly() throws Exception {
        long seed = Long.getLong("pricestream.crash.seed", new Random().nextLong());
        LOG.info("Crash test seed {} (rerun with -Dpricestream.crash.seed={}); sink process logs in '{}'", seed, seed, logs.toAbsolutePath());
        try {
            killRepeatedlyThenCheck(new Random(seed));
        } catch (TestAbortedException e) {
            throw e;
        } catch (AssertionError | Exception e) {
            throw new AssertionError("Crash test failed with seed " + seed + " (rerun with -Dpricestream.crash.seed=" + seed
                    + "); sink process logs in '" + logs.toAbsolutePath() + "': " + e.getMessage(), e);
        }
    }

    private void killRepeatedlyThenCheck(Random random) throws Exception {
        Files.createDirectories(logs);
        PipelineEnvironment stack = ItEnvironment.get();
        Database db = TestDatabases.create("crash");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        try (Connection connection = db.connect()) {
            ExactlyOnceAudit.install(connection);
        }
        topic = SharedLocalStack.uniqueName("crash_sku");
        group = SharedLocalStack.uniqueName("crash_sink");
        config = config(stack, db);

        ChangeSequenceLoad load = ChangeSequenceLoad.generate(random, PARTITIONS, PRICES_PER_PARTITION, STEPS);
        long total = load.observations().size();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            polling = db.connect();
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
            Map<String, Position> positions = produce(stack, load.observations());
            Map<Integer, Long> endOffsets = endOffsets(positions);
            assertThat(endOffsets.values().stream().mapToLong(Long::longValue).sum()).as("records in the topic").isEqualTo(total);

            List<Kill> kills = new ArrayList<>();
            int early = random.nextInt(KILLS);
            for (int round = 0; round < KILLS; round++) {
                long before = kills.isEmpty() ? 0 : kills.get(kills.size() - 1).storedAfter();
                if (round == early) {
                    kills.add(killAfterStart(round, before, random.nextInt(2000)));
                } else {
                    // 10 to 35 % of what is left, so every round has work and the last sink still has plenty
                    long target = Math.min(total - 1, before + Math.max(1, (long) ((total - before) * (0.1 + 0.25 * random.nextDouble()))));
                    kills.add(killAfterProgress(round, before, target, random.nextInt(40)));
                }
                rewindKafkaOffsets(admin);
            }
            long resumedAt = kills.get(kills.size() - 1).storedAfter();
            long counted = finishInProcess(total);
            LOG.info("The last sink counted {} records after resuming at stored offset {} of {}", counted, resumedAt, total);

            assertThat(kills).as("kills that landed mid-load (the sink had stored progress, and not all of it)")
                    .filteredOn(kill -> kill.midLoad(total)).hasSizeGreaterThanOrEqualTo(2);
            for (Kill kill : kills) {
                // the sink counts a batch only after committing it: more than it moved = records read again
                assertThat(kill.counted()).as("records counted by the sink process of round %d, which moved the stored offsets from %d to %d",
                        kill.round(), kill.storedBefore(), kill.storedAfter()).isLessThanOrEqualTo(kill.storedAfter() - kill.storedBefore());
            }
            assertThat(counted).as("records counted by the last sink, which resumed at stored offset %d of %d "
                    + "(Kafka's committed offsets had been rewound to 0)", resumedAt, total).isEqualTo(total - resumedAt);

            Map<String, PriceModel> models = modelPerPrice(load);
            try (Connection connection = db.connect()) {
                assertTablesEqualModel(connection, models.values(), load);
                assertThat(storedOffsets(connection)).as("stored next offset per partition").isEqualTo(endOffsets);
                ExactlyOnceAudit.verify(connection, positions,
                        models.values().stream().flatMap(model -> model.rowWrites().stream()).toList(), endOffsets);
            }
        } finally {
            if (polling != null) {
                polling.close();
            }
        }
    }

    /** Starts a sink process, waits until the stored offsets reach {@code target}, then {@code delayMs} more, and kills it. */
    private Kill killAfterProgress(int round, long before, long target, long delayMs) throws Exception {
        return startAndKill(round, before, delayMs, "progress " + target + " + " + delayMs + " ms", child ->
                // a random progress point, then a random instant after it: inside a transaction or between two
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).pollInSameThread()
                        .until(() -> !child.isAlive() || stored(polling) >= target));
    }

    /** Starts a sink process and kills it {@code delayMs} later: during start-up, the group join or the first batches. */
    private Kill killAfterStart(int round, long before, long delayMs) throws Exception {
        return startAndKill(round, before, delayMs, "random delay " + delayMs + " ms after start", child -> {
        });
    }

    private Kill startAndKill(int round, long before, long delayMs, String when, Consumer<Process> waitForKillPoint)
            throws Exception {
        Path log = logs.resolve(topic + "-round-" + round + ".log");
        Process child = SinkProcess.start(config, log);
        try {
            waitForKillPoint.accept(child);
            // the wait for a random instant doubles as a watch for a sink that dies on its own
            assertThat(child.waitFor(delayMs, TimeUnit.MILLISECONDS))
                    .as("sink process of round %d exited before it was killed; see '%s'", round, log).isFalse();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("killed sink process of round %d is gone", round).isTrue();
        }
        assertThat(child.exitValue()).as("exit status of the sink process of round %d (SIGKILL, no clean close)", round)
                .isEqualTo(SIGKILL_EXIT);
        // a COMMIT already on the wire when the kill landed may still complete: read the offsets once the server has
        // ended the dead process's session, and with it any transaction of it
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .until(() -> StoredPrices.count(polling, "SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()") == 0);
        Kill kill = new Kill(round, before, stored(polling), SinkProcess.lastCounted(log));
        LOG.info("Killed sink process of round {} ({}) at stored offset {} (started at {}, had counted {})", round, when,
                kill.storedAfter(), kill.storedBefore(), kill.counted());
        return kill;
    }

    /** Runs a sink in this JVM until it has stored every offset; returns the records it counted. */
    private long finishInProcess(long total) throws Exception {
        MeterRegistry metrics = new SimpleMeterRegistry();
        PriceSink sink = PriceSink.create(new SinkConfig(config), metrics);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(sink, "sink-after-crashes");
        worker.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).pollInSameThread()
                    .until(() -> failure.get() != null || stored(polling) >= total);
            assertThat(failure.get()).as("failure of the last sink").isNull();
        } finally {
            sink.stop();
            worker.join(30_000);
        }
        return SinkProcess.counted(metrics);
    }

    /**
     * The model, record by record in topic order: no batch holds a price twice (see {@link ChangeSequenceLoad}), so
     * batching cannot change the outcome. One model per price, because prices are independent and one model for
     * all would search its whole history on every change.
     */
    private static Map<String, PriceModel> modelPerPrice(ChangeSequenceLoad load) {
        Map<String, PriceModel> models = new TreeMap<>();
        for (Observation observation : load.observations()) {
            models.computeIfAbsent(observation.price().getPriceId(), id -> new PriceModel()).applyBatch(List.of(observation.price()));
        }
        return models;
    }

    private static void assertTablesEqualModel(Connection connection, Collection<PriceModel> models, ChangeSequenceLoad load)
            throws SQLException {
        List<Current> expectedCurrent = models.stream().flatMap(model -> model.current().stream()).toList();
        List<Period> expectedHistory = models.stream().flatMap(model -> model.history().stream()).toList();
        assertThat(differences(StoredPrices.current(connection), expectedCurrent, row -> row.priceId(), CURRENT_EXACT))
                .as("infra_price rows that differ from the model").isEmpty();
        List<Period> history = StoredPrices.history(connection);
        Map<String, List<Period>> stored = periodsByPrice(history);
        // per price first: "one period too many" is what a record applied twice looks like
        assertThat(counts(stored)).as("history periods per price").isEqualTo(counts(periodsByPrice(expectedHistory)));
        assertThat(differences(history, expectedHistory, period -> period.priceId() + " from " + period.validFrom(), PERIOD_EXACT))
                .as("infra_price_history rows that differ from the model").isEmpty();
        stored.forEach((priceId, periods) -> assertPeriodsChain(priceId, periods, !load.everRetired().contains(priceId)));
    }

    private static <T extends Comparable<? super T>> Comparator<T> nullable() {
        return Comparator.nullsFirst(Comparator.naturalOrder());
    }

    /** Up to ten rows that are missing, unexpected or unequal under {@code exact}, matched by {@code key}: a readable failure at this size. */
    private static <T> List<String> differences(List<T> stored, List<T> expected, Function<T, String> key, Comparator<T> exact) {
        Map<String, T> storedByKey = stored.stream().collect(Collectors.toMap(key, row -> row, (a, b) -> {
            throw new AssertionError("two stored rows for one key: " + a + " and " + b);
        }, TreeMap::new));
        Map<String, T> expectedByKey = expected.stream().collect(Collectors.toMap(key, row -> row, (a, b) -> a, TreeMap::new));
        List<String> differences = new ArrayList<>();
        expectedByKey.forEach((k, row) -> {
            T found = storedByKey.get(k);
            if (found == null) {
                differences.add("missing " + row);
            } else if (exact.compare(found, row) != 0) {
                differences.add("stored " + found + " but the model says " + row);
            }
        });
        storedByKey.forEach((k, row) -> {
            if (!expectedByKey.containsKey(k)) {
                differences.add("unexpected " + row);
            }
        });
        return differences.stream().limit(10).toList();
    }

    /** Periods in start order never overlap, only the last may be open, and a price active all along has no gaps. */
    private static void assertPeriodsChain(String priceId, List<Period> periods, boolean activeAllAlong) {
        for (int i = 1; i < periods.size(); i++) {
            Period previous = periods.get(i - 1);
            Period next = periods.get(i);
            assertThat(previous.validTo()).as("%s: period %s is closed before %s starts", priceId, previous, next).isNotNull();
            assertThat(previous.validTo()).as("%s: period %s ends no later than %s starts", priceId, previous, next)
                    .isBeforeOrEqualTo(next.validFrom());
            if (activeAllAlong) {
                assertThat(previous.validTo()).as("%s (never retired): period %s ends where %s starts", priceId, previous, next)
                        .isEqualTo(next.validFrom());
            }
        }
        if (activeAllAlong) {
            assertThat(periods.get(periods.size() - 1).validTo()).as("%s (never retired): its last period is open", priceId).isNull();
        }
    }

    /** Each price's periods, in start order. */
    private static Map<String, List<Period>> periodsByPrice(List<Period> periods) {
        Map<String, List<Period>> byPrice = new TreeMap<>();
        periods.stream().sorted(PERIOD_ORDER).forEach(period -> byPrice.computeIfAbsent(period.priceId(), id -> new ArrayList<>()).add(period));
        return byPrice;
    }

    private static Map<String, Integer> counts(Map<String, List<Period>> periods) {
        return periods.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(), (a, b) -> a, TreeMap::new));
    }

    /**
     * Kafka's copy of the offsets is only for lag dashboards; make it plainly wrong, so a sink that resumed
     * from it would re-read from the beginning. The group must be empty first: the killed member leaves it
     * only when its session times out.
     */
    private void rewindKafkaOffsets(Admin admin) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> groupHasNoMembers(admin));
        Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            rewound.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
        }
        admin.alterConsumerGroupOffsets(group, rewound).all().get();
    }

    /** True once the group is empty, or was never created (a sink killed before it joined). */
    private boolean groupHasNoMembers(Admin admin) throws InterruptedException, ExecutionException {
        try {
            GroupState state = admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState();
            return state == GroupState.EMPTY || state == GroupState.DEAD;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return true;
            }
            throw e;
        }
    }

    private Map<String, Object> config(PipelineEnvironment stack, Database db) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SinkConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
        settings.put(SinkConfig.GROUP_ID, group);
        settings.put(SinkConfig.TOPIC, topic);
        settings.put(SinkConfig.DLQ_TOPIC, topic + "_dlq");
        settings.put(SinkConfig.JDBC_URL, db.jdbcUrl());
        settings.put(SinkConfig.JDBC_USER, db.user());
        settings.put(SinkConfig.JDBC_PASSWORD, db.password());
        settings.put(SinkConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        settings.put(SinkConfig.BATCH_MAX_RECORDS, BATCH_MAX_RECORDS);
        settings.put(SinkConfig.BATCH_MAX_WAIT_MS, 50);
        // the broker's minimum: a killed member leaves the group this long after its last heartbeat
        settings.put(SinkConfig.SESSION_TIMEOUT_MS, 6000);
        return settings;
    }

    /** Produces the load in order; returns where each record (by run id) landed. */
    private Map<String, Position> produce(PipelineEnvironment stack, List<Observation> observations) throws Exception {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        Serializer<PriceKey> keys = PriceSerdes.priceKey(registry).serializer();
        Serializer<SkuPrice> values = PriceSerdes.skuPrice(registry).serializer();
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Map<String, Position> positions = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Observation observation : observations) {
                SkuPrice price = observation.price();
                producer.send(new ProducerRecord<>(topic, observation.partition(),
                                keys.serialize(topic, new PriceKey(price.getCsp(), price.getPriceId())), values.serialize(topic, price)),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                positions.put(price.getRunId(), new Position(metadata.partition(), metadata.offset()));
                            }
                        });
            }
            producer.flush();
        }
        assertThat(failure.get()).as("producing the load").isNull();
        assertThat(positions).as("records acknowledged").hasSize(observations.size());
        return Map.copyOf(positions);
    }

    private static Map<Integer, Long> endOffsets(Map<String, Position> positions) {
        Map<Integer, Long> ends = new TreeMap<>();
        positions.values().forEach(position -> ends.merge(position.partition(), position.offset() + 1, Math::max));
        return ends;
    }

    /** Records before the stored offsets, over all partitions (every partition starts at offset 0). */
    private long stored(Connection connection) throws SQLException {
        return StoredPrices.count(connection, "SELECT coalesce(sum(next_offset), 0) FROM api_price.sink_offsets"
                + " WHERE consumer_group = '" + group + "'");
    }

    private Map<Integer, Long> storedOffsets(Connection connection) throws SQLException {
        Map<Integer, Long> offsets = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT kafka_partition, next_offset FROM api_price.sink_offsets WHERE consumer_group = ?")) {
            query.setString(1, group);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    offsets.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return offsets;
    }
}
