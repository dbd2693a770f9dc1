package io.pricestream.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.cli.pipeline.ChangeEvents;
import io.pricestream.cli.pipeline.ConsumerLag;
import io.pricestream.cli.pipeline.CycleSummary;
import io.pricestream.cli.pipeline.Pipeline;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.cli.pipeline.PipelineEndpoints;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.change.PriceFingerprint;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;
import io.pricestream.streams.validate.PriceValidator;

/**
 * The whole pipeline in one process — csp-sim → scrapers → raw topics → streams app → prices.sku → sink →
 * PostgreSQL → CDC → prices.changes — on the shared local stack with its own topics, groups, database and
 * slot. Expected database content is the simulator's truth as scraped, filtered by the streams app's own
 * rules and validator; every column is compared.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class PipelineEndToEndIT {

    private static final List<String> CSPS = List.of("aws", "azure", "gcp");

    private static PipelineEnvironment stack;
    private static CspSimulator sim;

    @TempDir
    Path stateDir;

    private final RelevanceRules rules = RulesFile.bundledDefaults();
    private final PriceValidator validator = new PriceValidator(new BigDecimal(StreamsAppConfig.DEFAULT_PRICE_MAX));

    @BeforeAll
    static void start() {
        stack = ItEnvironment.get();
        sim = CspSimulator.start(CspSimConfig.builder().scale(3_000).seed(11).build());
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldKeepTheDatabaseAndChangeEventsExactlyInStepWithTheClouds() throws Exception {
        String base = SharedLocalStack.uniqueName("e2e");
        String jdbcUrl = createDatabase(base);
        PipelineSettings settings = PipelineSettings.of(settings(base),
                new PipelineEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(), jdbcUrl, stack.jdbcUser(), stack.jdbcPassword()));
        new PriceSchemaMigrator(jdbcUrl, stack.jdbcUser(), stack.jdbcPassword()).migrate();

        try (Pipeline pipeline = new Pipeline(settings, new SimpleMeterRegistry());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConsumerLag offsets = new ConsumerLag(admin);
            ChangeEvents changes = new ChangeEvents(stack.bootstrapServers(), stack.schemaRegistryUrl());
            assertThat(pipeline.start().created()).as("topics created by the pipeline").hasSize(CSPS.size() + 4);

            // run 1: the database holds exactly the relevant subset of the clouds
            Map<TopicPartition, Long> raw0 = offsets.endOffsets(settings.rawTopics());
            Map<TopicPartition, Long> changes0 = offsets.endOffsets(List.of(settings.cdc().topic()));
            CycleSummary run1 = pipeline.runCycle();
            assertThat(run1.failed()).as(run1.format()).isFalse();
            Map<TopicPartition, Long> raw1 = offsets.endOffsets(settings.rawTopics());
            Map<PriceKey, SkuPrice> scraped1 = readRaw(raw0, raw1);
            Map<PriceKey, SkuPrice> relevant1 = relevant(scraped1);
            assertThat(relevant1.keySet().stream().map(PriceKey::getCsp).collect(Collectors.toSet()))
                    .as("relevant prices of every CSP").containsExactlyInAnyOrderElementsOf(CSPS);
            assertMatchesTruth(relevant1);
            Map<PriceKey, Row> db1 = rows(jdbcUrl);
            assertThat(db1.keySet()).containsExactlyInAnyOrderElementsOf(relevant1.keySet());
            relevant1.forEach((key, price) -> assertRowIs(db1.get(key), price, null));
            Map<PriceKey, List<Period>> history1 = history(jdbcUrl);
            relevant1.forEach((key, price) -> assertThat(history1.get(key)).as("history of " + key)
                    .containsExactly(new Period(price.getPrice(), price.getObservedAt(), null)));
            Map<TopicPartition, Long> changes1 = offsets.endOffsets(List.of(settings.cdc().topic()));
            List<PriceChanged> events1 = changes.read(changes0, changes1);
            assertThat(events1).extracting(PriceChanged::getChangeType).containsOnly(ChangeType.NEW);
            assertThat(events1).extracting(e -> new PriceKey(e.getCsp(), e.getPriceId())).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(relevant1.keySet());
            assertThat(run1.csps()).allSatisfy(line -> assertThat(line.rowsWritten()).isEqualTo(line.events())
                    .isEqualTo(relevant1.keySet().stream().filter(k -> k.getCsp().equals(line.csp())).count()));

            // run 2 after the clouds moved: exactly the changed, new and retired relevant prices
            sim.advance(0.05);
            CycleSummary run2 = pipeline.runCycle();
            assertThat(run2.failed()).as(run2.format()).isFalse();
            Map<TopicPartition, Long> raw2 = offsets.endOffsets(settings.rawTopics());
            Map<PriceKey, SkuPrice> relevant2 = relevant(readRaw(raw1, raw2));
            assertMatchesTruth(relevant2);
            Set<PriceKey> added = new HashSet<>(relevant2.keySet());
            added.removeAll(relevant1.keySet());
            Set<PriceKey> retired = new HashSet<>(relevant1.keySet());
            retired.removeAll(relevant2.keySet());
            Set<PriceKey> changed = relevant2.keySet().stream().filter(relevant1::containsKey)
                    .filter(k -> !PriceFingerprint.of(relevant1.get(k)).equals(PriceFingerprint.of(relevant2.get(k))))
                    .collect(Collectors.toSet());
            assertThat(changed).as("the simulator changed relevant prices").isNotEmpty();
            Map<PriceKey, Row> db2 = rows(jdbcUrl);
            Map<PriceKey, List<Period>> history2 = history(jdbcUrl);
            assertThat(db2.keySet()).containsExactlyInAnyOrderElementsOf(union(relevant1.keySet(), relevant2.keySet()));
            for (PriceKey key : db2.keySet()) {
                SkuPrice before = relevant1.get(key);
                SkuPrice after = relevant2.get(key);
                if (changed.contains(key)) {
                    assertRowIs(db2.get(key), after, null);
                    assertThat(history2.get(key)).as("history of " + key).containsExactly(
                            new Period(before.getPrice(), before.getObservedAt(), after.getObservedAt()),
                            new Period(after.getPrice(), after.getObservedAt(), null));
                } else if (added.contains(key)) {
                    assertRowIs(db2.get(key), after, null);
                    assertThat(history2.get(key)).containsExactly(new Period(after.getPrice(), after.getObservedAt(), null));
                } else if (retired.contains(key)) {
                    assertThat(db2.get(key).retiredAt()).as("retired_at of " + key).isNotNull();
                    assertThat(history2.get(key)).as("history of " + key).hasSize(1).allSatisfy(p -> assertThat(p.to()).isNotNull());
                } else {
                    assertThat(db2.get(key)).as("unchanged row " + key).isEqualTo(db1.get(key));
                    assertThat(history2.get(key)).isEqualTo(history1.get(key));
                }
            }
            Map<TopicPartition, Long> changes2 = offsets.endOffsets(List.of(settings.cdc().topic()));
            List<PriceChanged> events2 = changes.read(changes1, changes2);
            Map<PriceKey, ChangeType> expectedEvents = new HashMap<>();
            added.forEach(k -> expectedEvents.put(k, ChangeType.NEW));
            retired.forEach(k -> expectedEvents.put(k, ChangeType.RETIRED));
            changed.stream().filter(k -> priceFieldsDiffer(relevant1.get(k), relevant2.get(k))).forEach(k -> expectedEvents.put(k, ChangeType.CHANGED));
            assertThat(events2.stream().collect(Collectors.toMap(e -> new PriceKey(e.getCsp(), e.getPriceId()), PriceChanged::getChangeType)))
                    .as("one event per changed, new or retired price").isEqualTo(expectedEvents);
            assertThat(events2).hasSize(expectedEvents.size());
            assertThat(run2.csps().stream().mapToLong(CycleSummary.Csp::rowsWritten).sum())
                    .isEqualTo(added.size() + retired.size() + changed.size());

            // run 3 of unchanged clouds: no writes, no events
            CycleSummary run3 = pipeline.runCycle();
            assertThat(run3.failed()).as(run3.format()).isFalse();
            assertThat(run3.csps()).allSatisfy(line -> {
                assertThat(line.rowsWritten()).isZero();
                assertThat(line.events()).isZero();
            });
            assertThat(rows(jdbcUrl)).isEqualTo(db2);
            assertThat(history(jdbcUrl)).isEqualTo(history2);
            assertThat(changes.read(changes2, offsets.endOffsets(List.of(settings.cdc().topic())))).isEmpty();
        }
    }

    /**
     * The pipeline runs with rules that leave out S3; a replay from before run 1 with the full rules adds exactly the
     * S3 prices with their history, leaves every existing row and period as it was, and a second replay changes nothing.
     */
    @Test
    void shouldReplayNewlyRelevantPricesWithTheirHistoryAndNothingElse() throws Exception {
        String base = SharedLocalStack.uniqueName("replay");
        String jdbcUrl = createDatabase(base);
        Path narrowRules = stateDir.resolve("no-s3-rules.yaml");
        java.nio.file.Files.writeString(narrowRules, withoutRule(defaultRulesText(), "aws-s3"));
        Map<String, String> narrow = settings(base);
        narrow.put(StreamsAppConfig.RULES_PATH, narrowRules.toString());
        narrow.put(PipelineConfig.CSPS, "aws");
        PipelineEndpoints endpoints = new PipelineEndpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(), jdbcUrl, stack.jdbcUser(),
                stack.jdbcPassword());
        PipelineSettings settings = PipelineSettings.of(narrow, endpoints);
        new PriceSchemaMigrator(jdbcUrl, stack.jdbcUser(), stack.jdbcPassword()).migrate();
        RelevanceRules narrowed = RulesFile.load(narrowRules);

        try (Pipeline pipeline = new Pipeline(settings, new SimpleMeterRegistry());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            ConsumerLag offsets = new ConsumerLag(admin);
            pipeline.start();
            Instant beforeRun1 = Instant.now().minusSeconds(1);
            Map<TopicPartition, Long> raw0 = offsets.endOffsets(settings.rawTopics());
            assertThat(pipeline.runCycle().failed()).isFalse();
            Map<TopicPartition, Long> raw1 = offsets.endOffsets(settings.rawTopics());
            sim.advance(0.05);
            assertThat(pipeline.runCycle().failed()).isFalse();
            Map<TopicPartition, Long> raw2 = offsets.endOffsets(settings.rawTopics());
            Map<PriceKey, SkuPrice> scraped1 = readRaw(raw0, raw1);
            Map<PriceKey, SkuPrice> scraped2 = readRaw(raw1, raw2);
            Map<PriceKey, SkuPrice> s3run1 = newlyRelevant(scraped1, narrowed);
            Map<PriceKey, SkuPrice> s3run2 = newlyRelevant(scraped2, narrowed);
            assertThat(s3run1).as("prices the narrow rules leave out").isNotEmpty();
            Map<PriceKey, Row> before = rows(jdbcUrl);
            Map<PriceKey, List<Period>> historyBefore = history(jdbcUrl);
            assertThat(before.keySet()).doesNotContainAnyElementsOf(s3run1.keySet());

            PipelineSettings wide = PipelineSettings.of(without(narrow, StreamsAppConfig.RULES_PATH), endpoints);
            io.pricestream.cli.replay.Replay.Result first = new io.pricestream.cli.replay.Replay(wide, base + "-replay1")
                    .run(wide.rawTopics(), beforeRun1, null, Duration.ofMinutes(10));
            assertThat(first.rawRecords()).isPositive();
            assertThat(admin.listTopics().names().get()).as("the replay's private topics are deleted")
                    .noneMatch(name -> name.startsWith(base + "-replay1"));
            assertThat(admin.listConsumerGroups().all().get()).as("the replay's groups are deleted")
                    .noneMatch(group -> group.groupId().startsWith(base + "-replay1"));

            Map<PriceKey, Row> after = rows(jdbcUrl);
            Map<PriceKey, List<Period>> historyAfter = history(jdbcUrl);
            before.forEach((key, row) -> assertThat(after.get(key)).as("existing row " + key).isEqualTo(row));
            historyBefore.forEach((key, periods) -> assertThat(historyAfter.get(key)).as("existing history " + key).isEqualTo(periods));
            assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(union(before.keySet(), union(s3run1.keySet(), s3run2.keySet())));
            for (PriceKey key : union(s3run1.keySet(), s3run2.keySet())) {
                SkuPrice one = s3run1.get(key);
                SkuPrice two = s3run2.get(key);
                if (one == null) {
                    assertRowIs(after.get(key), two, null);
                    assertThat(historyAfter.get(key)).containsExactly(new Period(two.getPrice(), two.getObservedAt(), null));
                } else if (two == null) {
                    assertThat(after.get(key).retiredAt()).as("retired " + key).isNotNull();
                    assertThat(historyAfter.get(key)).hasSize(1).allSatisfy(p -> assertThat(p.to()).isNotNull());
                } else if (PriceFingerprint.of(one).equals(PriceFingerprint.of(two))) {
                    assertRowIs(after.get(key), one, null);
                    assertThat(historyAfter.get(key)).containsExactly(new Period(one.getPrice(), one.getObservedAt(), null));
                } else {
                    assertRowIs(after.get(key), two, null);
                    assertThat(historyAfter.get(key)).containsExactly(new Period(one.getPrice(), one.getObservedAt(), two.getObservedAt()),
                            new Period(two.getPrice(), two.getObservedAt(), null));
                }
            }

            io.pricestream.cli.replay.Replay.Result second = new io.pricestream.cli.replay.Replay(wide, base + "-replay2")
                    .run(wide.rawTopics(), beforeRun1, null, Duration.ofMinutes(10));
            assertThat(second.sinkOutcomes()).as("a second identical replay writes nothing")
                    .allSatisfy((outcome, count) -> assertThat(List.of("stale", "superseded").contains(outcome) || count == 0).isTrue());
            assertThat(rows(jdbcUrl)).isEqualTo(after);
            assertThat(history(jdbcUrl)).isEqualTo(historyAfter);
        }
    }

    private Map<PriceKey, SkuPrice> newlyRelevant(Map<PriceKey, SkuPrice> prices, RelevanceRules narrowed) {
        return relevant(prices).entrySet().stream().filter(e -> !narrowed.isRelevant(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String defaultRulesText() throws java.io.IOException {
        try (var in = RulesFile.class.getResourceAsStream(RulesFile.DEFAULT_RULES_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The rules text without the include rule of that name (its "- name:" line up to the next rule). */
    private static String withoutRule(String rules, String name) {
        int start = rules.indexOf("  - name: " + name + "\n");
        assertThat(start).as("rule " + name + " in the default rules").isPositive();
        int end = rules.indexOf("  - name: ", start + 1);
        return rules.substring(0, start) + rules.substring(end);
    }

    private static Map<String, String> without(Map<String, String> settings, String key) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.remove(key);
        return copy;
    }

    private Map<String, String> settings(String base) {
        Map<String, String> settings = new HashMap<>();
        settings.put(PipelineConfig.TOPICS_PARTITIONS, "2");
        settings.put(PipelineConfig.CATCH_UP_TIMEOUT_MS, "300000");
        settings.put(ScraperConfig.TOPIC_RAW_PREFIX, base + ".raw.");
        settings.put(ScraperConfig.TOPIC_RUNS, base + ".runs");
        CSPS.forEach(csp -> settings.put(ScraperConfig.endpointKey(csp), sim.url()));
        settings.put(ScraperConfig.GCP_API_KEY, CspSimConfig.builder().build().gcpApiKey());
        settings.put(ScraperConfig.CONDITIONAL_FETCH_ENABLED, "false");
        settings.put(ScraperConfig.HTTP_RETRIES_MAX, "2");
        settings.put(StreamsAppConfig.APPLICATION_ID, base + "-streams");
        settings.put(StreamsAppConfig.STATE_DIR, stateDir.toString());
        settings.put(StreamsAppConfig.SKU_TOPIC, base + ".sku");
        settings.put(StreamsAppConfig.DLQ_TOPIC, base + ".dlq");
        settings.put(SinkConfig.GROUP_ID, base + "-sink");
        settings.put(SinkConfig.DLQ_TOPIC, base + ".dlq");
        settings.put(CdcConfig.SLOT_NAME, base);
        settings.put(CdcConfig.PUBLICATION_NAME, base);
        settings.put(CdcConfig.TOPIC, base + ".changes");
        settings.put(CdcConfig.OFFSET_TOPIC, base + ".cdc-offsets");
        return settings;
    }

    private Map<PriceKey, SkuPrice> relevant(Map<PriceKey, SkuPrice> prices) {
        return prices.entrySet().stream()
                .filter(e -> validator.validate(e.getKey(), e.getValue()).isEmpty() && rules.isRelevant(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every relevant price is the simulator's price point: same price, tiers, published unit, region, SKU, option, term. */
    private static void assertMatchesTruth(Map<PriceKey, SkuPrice> prices) {
        Map<PriceKey, ExpectedPrice> truth = new HashMap<>();
        for (Csp csp : Csp.values()) {
            sim.truth().forEach(csp, p -> truth.put(new PriceKey(csp.name().toLowerCase(java.util.Locale.ROOT), p.priceId()), p));
        }
        prices.forEach((key, price) -> {
            ExpectedPrice expected = truth.get(key);
            assertThat(expected).as("simulator truth of " + key).isNotNull();
            assertThat(price.getPrice()).as("price of " + key).isEqualByComparingTo(expected.price());
            assertThat(price.getTierStart()).as("tier start of " + key).isEqualByComparingTo(expected.tierStart());
            if (expected.tierEnd() == null) {
                assertThat(price.getTierEnd()).as("tier end of " + key).isNull();
            } else {
                assertThat(price.getTierEnd()).as("tier end of " + key).isEqualByComparingTo(expected.tierEnd());
            }
            assertThat(price.getUnitPublished()).as("unit of " + key).isEqualTo(expected.unit());
            assertThat(price.getCurrency()).as("currency of " + key).isEqualTo("USD");
            assertThat(price.getRegion()).as("region of " + key).isEqualToIgnoringCase(expected.region());
            assertThat(price.getSkuId()).as("sku of " + key).isEqualTo(expected.skuId());
            assertThat(List.of(price.getService(), String.valueOf(price.getServiceName()))).as("service of " + key).contains(expected.service());
            assertThat(price.getPurchaseOption().name()).as("purchase option of " + key)
                    .isEqualTo(expected.purchaseOption());
            // AWS reserved terms carry more than the simulator's length: <length>/<purchase option>/<class> (scrapers/README.md)
            if (expected.term() == null) {
                assertThat(price.getTerm()).as("term of " + key).isNull();
            } else {
                assertThat(price.getTerm()).as("term of " + key).startsWith(expected.term());
            }
        });
    }

    /** price, unit, currency or tier bounds: what makes the CDC publisher emit CHANGED. */
    private static boolean priceFieldsDiffer(SkuPrice a, SkuPrice b) {
        return a.getPrice().compareTo(b.getPrice()) != 0 || !a.getUnit().equals(b.getUnit()) || !a.getCurrency().equals(b.getCurrency())
                || a.getTierStart().compareTo(b.getTierStart()) != 0 || !Objects.equals(strip(a.getTierEnd()), strip(b.getTierEnd()));
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros();
    }

    private static Set<PriceKey> union(Set<PriceKey> a, Set<PriceKey> b) {
        Set<PriceKey> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void assertRowIs(Row row, SkuPrice price, Instant retiredAt) {
        assertThat(row).as("row of " + price.getCsp() + "/" + price.getPriceId()).isNotNull();
        assertThat(row.skuId()).isEqualTo(price.getSkuId());
        assertThat(row.region()).isEqualTo(price.getRegion());
        assertThat(row.skuName()).isEqualTo(price.getSkuName());
        assertThat(row.service()).isEqualTo(price.getService());
        assertThat(row.serviceName()).isEqualTo(price.getServiceName());
        assertThat(row.productFamily()).isEqualTo(price.getProductFamily());
        assertThat(row.start()).isEqualByComparingTo(price.getTierStart());
        assertThat(strip(row.end())).isEqualTo(strip(price.getTierEnd()));
        assertThat(row.unit()).isEqualTo(price.getUnit());
        assertThat(row.unitPublished()).isEqualTo(price.getUnitPublished());
        assertThat(row.unitMultiplier()).isEqualByComparingTo(price.getUnitMultiplier());
        assertThat(row.price()).as("price of " + price.getPriceId()).isEqualByComparingTo(price.getPrice());
        assertThat(row.currency()).isEqualTo(price.getCurrency());
        assertThat(row.purchaseOption()).isEqualTo(price.getPurchaseOption().name());
        assertThat(row.term()).isEqualTo(price.getTerm());
        assertThat(row.effectiveFrom()).isEqualTo(price.getEffectiveFrom());
        assertThat(row.observedAt()).isEqualTo(price.getObservedAt());
        assertThat(row.runId()).isEqualTo(price.getRunId());
        assertThat(row.retiredAt()).isEqualTo(retiredAt);
    }

    record Row(String skuId, String region, String skuName, String service, String serviceName, String productFamily, BigDecimal start,
               BigDecimal end, String unit, String unitPublished, BigDecimal unitMultiplier, BigDecimal price, String currency,
               String purchaseOption, String term, Instant effectiveFrom, Instant observedAt, String runId, Instant retiredAt) {
    }

    record Period(BigDecimal price, Instant from, Instant to) {
        Period {
            price = price.stripTrailingZeros();
        }
    }

    private static Map<PriceKey, Row> rows(String url) throws Exception {
        Map<PriceKey, Row> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT cloud_provider, price_id, sku_id, region, sku_name, service, service_name, "
                     + "product_family, start_usage_amount, end_usage_amount, unit, unit_published, unit_multiplier, price, currency, "
                     + "purchase_option, term, effective_from, observed_at, run_id, retired_at FROM api_price.infra_price")) {
            while (rs.next()) {
                rows.put(new PriceKey(rs.getString(1), rs.getString(2)), new Row(rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getString(11),
                        rs.getString(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getString(15), rs.getString(16), rs.getString(17),
                        instant(rs.getTimestamp(18)), instant(rs.getTimestamp(19)), rs.getString(20), instant(rs.getTimestamp(21))));
            }
        }
        return rows;
    }

    private static Map<PriceKey, List<Period>> history(String url) throws Exception {
        Map<PriceKey, List<Period>> history = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT cloud_provider, price_id, price, valid_from, valid_to "
                     + "FROM api_price.infra_price_history ORDER BY cloud_provider, price_id, valid_from")) {
            while (rs.next()) {
                history.computeIfAbsent(new PriceKey(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(new Period(rs.getBigDecimal(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))));
            }
        }
        return history;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The prices published between two offset maps of the raw topics, last value per key. */
    private static Map<PriceKey, SkuPrice> readRaw(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        var registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        Map<PriceKey, SkuPrice> prices = new HashMap<>();
        try (KafkaConsumer<PriceKey, SpecificRecord> consumer = new KafkaConsumer<>(props, PriceSerdes.priceKey(registry).deserializer(),
                PriceSerdes.rawValue(registry).deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(to.keySet());
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.offset() < to.get(new TopicPartition(r.topic(), r.partition())) && r.value() instanceof SkuPrice price) {
                        prices.put(r.key(), price);
                    }
                });
            }
        }
        return prices;
    }

    private static String createDatabase(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + name;
    }
}
