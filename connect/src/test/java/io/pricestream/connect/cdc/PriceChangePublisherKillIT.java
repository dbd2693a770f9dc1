package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;

/**
 * At-least-once across a crash: the publisher runs in a child JVM that is killed ({@code destroyForcibly})
 * during a burst of updates; a new publisher on the same slot and offset topic then publishes the rest.
 * Every committed change must have an event, and repeats must be the same event (same LSN, same content).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PriceChangePublisherKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(PriceChangePublisherKillIT.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PRICES = 5;
    private static final int UPDATES = 300;
    private static final int KILL_AFTER = 150;

    private PipelineEnvironment stack;
    private Database db;
    private Map<String, Object> settings;
    private Process child;
    private Path childOutput;
    private PriceChangePublisher restarted;

    @BeforeEach
    void setUp() throws IOException {
        stack = ItEnvironment.get();
        db = TestDatabases.create("cdckill");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        String name = SharedLocalStack.uniqueName("cdckill");
        settings = new LinkedHashMap<>(Map.of(
                CdcConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                CdcConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                CdcConfig.JDBC_URL, db.jdbcUrl(),
                CdcConfig.JDBC_USER, db.user(),
                CdcConfig.JDBC_PASSWORD, db.password(),
                CdcConfig.SLOT_NAME, name,
                CdcConfig.PUBLICATION_NAME, name,
                CdcConfig.TOPIC, name + "_changes",
                CdcConfig.OFFSET_TOPIC, name + "_offsets"));
        childOutput = Files.createTempFile("cdc-publisher-child", ".log");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (restarted != null) {
            restarted.close();
        }
        String slot = (String) settings.get(CdcConfig.SLOT_NAME);
        if (ReplicationSlots.exists(db.jdbcUrl(), db.user(), db.password(), slot)) {
            await().atMost(WAIT).ignoreExceptions().untilAsserted(
                    () -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot));
        }
        Files.deleteIfExists(childOutput);
    }

    @Test
    void shouldPublishEveryChangeAtLeastOnceWithRepeatsSharingTheLsnWhenPublisherIsKilled() throws Exception {
        startChild();
        Map<String, List<BigDecimal>> committed = new HashMap<>();
        try (Connection sql = db.connect(); ChangeEvents beforeKill = new ChangeEvents(stack.bootstrapServers(),
                stack.schemaRegistryUrl(), (String) settings.get(CdcConfig.TOPIC))) {
            for (int p = 0; p < PRICES; p++) {
                insert(sql, "k-" + p, BigDecimal.ONE);
                committed.computeIfAbsent("k-" + p, id -> new ArrayList<>()).add(BigDecimal.ONE);
            }
            for (int i = 0; i < UPDATES; i++) {
                if (i == KILL_AFTER) {
                    // Kill while it publishes: some events are in Kafka, their offsets not yet flushed.
                    beforeKill.awaitCount(KILL_AFTER / 3, WAIT);
                    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    LOG.info("Killed the publisher's JVM after {} of {} updates", i, UPDATES);
                }
                String priceId = "k-" + (i % PRICES);
                BigDecimal price = BigDecimal.valueOf(i + 2L);
                updatePrice(sql, priceId, price);
                committed.get(priceId).add(price);
            }
            insert(sql, "k-last", BigDecimal.ONE);
        }

        restarted = new PriceChangePublisher(new CdcConfig(settings), new SimpleMeterRegistry());
        restarted.start();
        restarted.awaitStarted(WAIT);
        List<ConsumerRecord<PriceKey, PriceChanged>> events;
        try (ChangeEvents reader = new ChangeEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                (String) settings.get(CdcConfig.TOPIC))) {
            events = reader.readThrough(event -> event.getPriceId().equals("k-last"), WAIT);
        }

        Map<String, List<PriceChanged>> byLsn = events.stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(event -> event.getPriceId() + "@" + event.getSourceLsn(), LinkedHashMap::new,
                        Collectors.toList()));
        // A repeat is the same event: same key, LSN and content.
        byLsn.values().forEach(same -> assertThat(same).as("events sharing an LSN").allMatch(same.get(0)::equals));
        long repeats = events.size() - byLsn.size();
        LOG.info("Kill test: {} events for {} committed changes, {} repeats after the crash", events.size(),
                byLsn.size(), repeats);
        // The child never flushed an offset, so events it published before the kill are published again: the crash
        // path was really taken. How many come again depends on how far the slot had been confirmed when the JVM
        // died (46 to 154 of the at least KILL_AFTER / 3 seen before the kill, in eight runs on 2026-11-22), so the
        // test asks for some repeats, not a number; the loop below proves none of them is a second change.
        assertThat(repeats).isPositive();
        for (Map.Entry<String, List<BigDecimal>> price : committed.entrySet()) {
            List<BigDecimal> published = byLsn.values().stream().map(same -> same.get(0))
                    .filter(event -> event.getPriceId().equals(price.getKey()))
                    .map(PriceChanged::getNewPrice).toList();
            // Every committed price of the row, in commit order, exactly once after dropping repeats.
            assertThat(published).as(price.getKey()).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(price.getValue());
        }
    }

    private void startChild() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), PublisherProcessMain.class.getName()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        // No periodic offset flush before the kill: everything the child publishes is unacknowledged to Debezium.
        command.add(CdcConfig.OFFSET_FLUSH_INTERVAL_MS + "=600000");
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childOutput.toFile()).start();
        await().atMost(WAIT).until(() -> {
            if (!child.isAlive()) {
                throw new IllegalStateException("Publisher JVM exited early: " + Files.readString(childOutput));
            }
            return Files.readString(childOutput).contains(PublisherProcessMain.STARTED);
        });
    }

    private static void insert(Connection sql, String priceId, BigDecimal price) throws SQLException {
        try (PreparedStatement insert = sql.prepareStatement("""
                INSERT INTO api_price.infra_price (cloud_provider, price_id, sku_id, region, service, start_usage_amount,
                    unit, unit_published, unit_multiplier, price, currency, purchase_option, first_seen_at,
                    last_changed_at, observed_at, run_id, last_changed_run_id)
                VALUES ('aws', ?, 'SKU1', 'us-east-1', 'AmazonEC2', 0, 'hours', 'Hrs', 1, ?, 'USD',
                    'ON_DEMAND', now(), now(), now(), 'run-1', 'run-1')""")) {
            insert.setString(1, priceId);
            insert.setBigDecimal(2, price);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private static void updatePrice(Connection sql, String priceId, BigDecimal price) throws SQLException {
        try (PreparedStatement update = sql.prepareStatement(
                "UPDATE api_price.infra_price SET price = ? WHERE cloud_provider = 'aws' AND price_id = ?")) {
            update.setBigDecimal(1, price);
            update.setString(2, priceId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
