package io.pricestream.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.kafka.TopicFiller;
import io.pricestream.bench.limits.ConsumeLimitScenario;
import io.pricestream.bench.limits.CopyLimitScenario;
import io.pricestream.bench.limits.ParseLimitScenario;
import io.pricestream.bench.limits.PublishLimitScenario;
import io.pricestream.bench.limits.RawTopicsConsumeLimit;
import io.pricestream.bench.report.CpuAccount;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;
import io.pricestream.bench.sink.BenchDatabase;
import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.cdc.PriceChangePublisher;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.sink.PriceSink;
import io.pricestream.connect.sink.SinkConfig;
import io.pricestream.connect.sink.SinkOffsetStore;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.PrerenderResult;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.kafka.PendingRecords;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.run.CspScrapes;
import io.pricestream.scrapers.run.RunOutcome;
import io.pricestream.streams.PricesStreamsApp;
import io.pricestream.streams.StreamsAppConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8 full refresh: csp-sim at the run's scale → scrapers (the three CSPs at once) → streams
 * app → our sink → CDC publisher, all in this JVM on the run's stack. The window runs from the first scrape
 * request until the pipeline is quiet: the streams app has committed every raw record, and
 * {@code prices.changes} holds at least one event per {@code infra_price} row, unchanged over three polls.
 * Then the incremental refresh: csp-sim advances (1 % of prices change), everything is scraped again, and the
 * window closes when the pipeline is quiet again (four equal polls). Last the replay: a fresh streams app
 * reprocesses every raw record.
 */
public final class FullRefreshScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(FullRefreshScenario.class);
    public static final String NAME = "full-refresh";
    static final String INCREMENTAL = "incremental";
    static final String REPLAY = "replay";
    /** The stage limits of issue 8, each a scenario of its own. */
    static final List<String> LIMITS = List.of(ParseLimitScenario.NAME, PublishLimitScenario.NAME, ConsumeLimitScenario.NAME,
            CopyLimitScenario.NAME);
    private static final Duration POLL = Duration.ofMillis(500);
    /** The only key csp-sim's GCP endpoints accept unless configured otherwise ({@code sim.gcp.api.key}). */
    private static final String SIM_GCP_KEY = "sim-key";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) throws Exception {
        long scale = Math.min(context.options().scale(), 5_000_000L);
        BenchDatabase database = context.database();
        new PriceSchemaMigrator(database.url(), database.user(), database.password()).migrate();
        String bootstrap = context.stack().bootstrapServers();
        String registry = context.stack().schemaRegistryUrl();
        MeterRegistry meters = new SimpleMeterRegistry();
        TopicFiller topics = new TopicFiller(bootstrap);
        for (String topic : List.of(Topics.raw("aws"), Topics.raw("azure"), Topics.raw("gcp"), Topics.SKU)) {
            topics.create(topic, context.options().partitions());
        }
        String suffix = Long.toString(System.currentTimeMillis());
        String applicationId = "bench-streams-" + suffix;
        // resolved (and the product-regions file written) once: the live and the replay streams app share it
        Optional<Path> rules = BenchRules.path(context.options().rules(), context.workDir());
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        // The response cache lets csp-sim render and gzip every response before each window (prerender below), so
        // the windows measure the pipeline, not the simulated provider's JSON rendering in this same JVM.
        try (CspSimulator sim = CspSimulator.start(CspSimConfig.builder().scale(scale).seed(context.options().seed())
                .responseCache(true).build());
             PriceChangePublisher cdc = new PriceChangePublisher(new CdcConfig(cdcSettings(database, bootstrap, registry, suffix)), meters);
             PriceSink sink = PriceSink.create(new SinkConfig(sinkSettings(database, bootstrap, registry, suffix)), meters);
             PricesStreamsApp streams = PricesStreamsApp.create(new StreamsAppConfig(withRules(rules, Map.of(
                     StreamsAppConfig.BOOTSTRAP_SERVERS, bootstrap,
                     StreamsAppConfig.SCHEMA_REGISTRY_URL, registry,
                     StreamsAppConfig.APPLICATION_ID, applicationId,
                     StreamsAppConfig.STATE_DIR, Files.createDirectories(context.workDir().resolve("streams-" + suffix)).toString(),
                     StreamsAppConfig.REPLICATION_FACTOR, "1"))), meters)) {
            cdc.start();
            cdc.awaitStarted(Duration.ofSeconds(120));
            AtomicReference<Throwable> sinkFailure = new AtomicReference<>();
            Thread sinkThread = new Thread(sink, "bench-full-refresh-sink");
            sinkThread.setUncaughtExceptionHandler((thread, error) -> sinkFailure.set(error));
            sinkThread.start();
            streams.start();

            Map<String, Object> scraperSettings = new HashMap<>();
            scraperSettings.put(ScraperConfig.BOOTSTRAP_SERVERS, bootstrap);
            scraperSettings.put(ScraperConfig.SCHEMA_REGISTRY_URL, registry);
            Topics.CSPS.forEach(csp -> scraperSettings.put(ScraperConfig.endpointKey(csp), sim.url()));
            scraperSettings.put(ScraperConfig.GCP_API_KEY, SIM_GCP_KEY);
            ScraperConfig scrapers = new ScraperConfig(scraperSettings);

            PrerenderResult fullPrerender = sim.prerender();
            long started = System.nanoTime();
            long[] scrape = scrapeAll(scrapers, report, "scrape-");
            long published = scrape[0];
            long bytes = scrape[1];
            long scraped = System.nanoTime();
            Duration timeout = Duration.ofSeconds(Math.max(600, scale / 500));
            long[] quiet = awaitQuiet(database, bootstrap, applicationId, sinkGroup(suffix), sinkFailure, timeout, 0, 3);
            long finished = quiet[0];
            long rows = quiet[1];
            long events = quiet[2];
            report.stage(StageResult.limit(NAME, published, Duration.ofNanos(finished - started),
                    "all CSPs scraped at once, streams, sink and CDC running concurrently; window = first scrape request "
                            + "to the first of three equal polls (every " + POLL.toMillis() + " ms) where the streams app has committed "
                            + "every raw offset and prices.changes holds >= one event per infra_price row; records = raw prices published"));
            report.stage(StageResult.limit(NAME + "-relevant", rows, Duration.ofNanos(finished - started),
                    "same window; records = infra_price rows written (relevant prices); " + events + " events on " + Topics.CHANGES));
            report.stage(StageResult.limit(NAME + "-after-scrape", rows, Duration.ofNanos(Math.max(1, finished - scraped)),
                    "from the end of the last scrape to quiet: how long streams + sink + CDC trail the scrapers"));
            report.note(NAME + ": csp-sim scale " + scale + ", " + published + " raw prices, " + bytes + " bytes downloaded, "
                    + rows + " relevant rows (" + String.format(java.util.Locale.ROOT, "%.1f", 100.0 * rows / Math.max(1, published))
                    + " % of the raw prices; rules '" + context.options().rules() + "'), " + events + " change events; peak heap of the whole bench JVM (all components + "
                    + "broker + registry) " + peakHeapMiB() + " MiB (MemoryPoolMXBean peaks, reset at scenario start)");

            report.note(NAME + ": csp-sim's responses were rendered and gzipped before the window and served from memory "
                    + "during it (" + fullPrerender + "), so the window measures the pipeline, not the simulated CSP; the stored "
                    + "responses count toward the peak heap above");

            compareWithLimits(report);

            // incremental refresh: 1 % of the catalogue's prices change, everything is scraped again
            long historyBefore = database.queryLong("SELECT count(*) FROM api_price.infra_price_history");
            IncrementalExpectation expectation = IncrementalExpectation.snapshot(database);
            var advance = sim.advance(0.01);
            PrerenderResult incrementalPrerender = sim.prerender();
            long incrementalStarted = System.nanoTime();
            long[] again = scrapeAll(scrapers, report, "incremental-scrape-");
            long[] quietAgain = awaitQuiet(database, bootstrap, applicationId, sinkGroup(suffix), sinkFailure, timeout, events, 4);
            long newPeriods = database.queryLong("SELECT count(*) FROM api_price.infra_price_history") - historyBefore;
            long newEvents = quietAgain[2] - events;
            report.stage(StageResult.limit(INCREMENTAL, again[0], Duration.ofNanos(quietAgain[0] - incrementalStarted),
                    "after csp-sim advance(0.01): every CSP scraped again; window = first request to the first of four equal polls "
                            + "with the streams app caught up; records = raw prices published"));
            report.note(INCREMENTAL + ": " + advance + "; " + again[0] + " raw prices and " + again[1] + " bytes downloaded again, "
                    + newEvents + " change events, " + newPeriods + " new history periods (infra_price_history rows)");
            report.note(INCREMENTAL + ": csp-sim's responses of the new generation were rendered and gzipped before the window "
                    + "and served from memory during it (" + incrementalPrerender + ")");
            IncrementalExpectation.Outcome written = expectation.check(sim.truth(), database);
            report.note(INCREMENTAL + " wrote only what changed? " + written + "; expected events " + written.expectedEvents()
                    + ", published " + newEvents + (written.exact() && newEvents == written.expectedEvents() ? ": yes" : ": NO"));
            replay(context, rules, bootstrap, registry, meters, report);
            if (!written.exact() || newEvents != written.expectedEvents()) {
                throw new IllegalStateException("The incremental refresh did not write exactly what changed: " + written
                        + "; change events published " + newEvents + ", expected " + written.expectedEvents());
            }
            if (sinkFailure.get() != null) {
                throw new IllegalStateException("the sink failed during the full refresh: " + sinkFailure.get().getMessage(), sinkFailure.get());
            }
        }
    }

    /**
     * Issue 8's goal: a full refresh within 1.5x of the slowest stage limit measured in the same run (run the limit
     * scenarios first); the AWS scrape is also compared with the parse limit, which scans the same AWS files.
     */
    static void compareWithLimits(RunReport.Builder report) {
        LIMITS.stream().filter(report::has)
                .min(java.util.Comparator.comparingDouble(name -> report.recordsPerSecond(name)))
                .ifPresent(slowest -> report.compare(NAME, slowest, 1 / 1.5));
        if (report.has(ParseLimitScenario.NAME)) {
            report.compare("scrape-aws", ParseLimitScenario.NAME, null);
        }
    }

    /** {@code settings} plus the run's relevance rules file ({@code --rules}, see {@link BenchRules}); none = bundled. */
    private static Map<String, String> withRules(Optional<Path> rules, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        rules.ifPresent(path -> all.put(StreamsAppConfig.RULES_PATH, path.toString()));
        return all;
    }

    /**
     * Replay: a second streams app (new application id, so no state and no committed offsets) reprocesses both
     * runs' raw records from the beginning into a separate sku topic; the window ends when it has committed the end
     * of every raw partition. Judged against a plain consumer reading the same raw topics just before
     * ({@link RawTopicsConsumeLimit}; goal: at least half).
     */
    private void replay(BenchContext context, Optional<Path> rules, String bootstrap, String registry, MeterRegistry meters,
                        RunReport.Builder report) throws Exception {
        String applicationId = "bench-replay-" + System.currentTimeMillis();
        TopicFiller topics = new TopicFiller(bootstrap);
        // nothing writes the raw topics any more: their ends are the replay's goal line
        Map<TopicPartition, Long> rawEnds = new HashMap<>();
        for (String csp : Topics.CSPS) {
            rawEnds.putAll(topics.endOffsets(Topics.raw(csp)));
        }
        long rawRecords = rawEnds.values().stream().mapToLong(Long::longValue).sum();
        // the replay's own limit, right before it: a plain consumer over the same bytes
        report.stage(RawTopicsConsumeLimit.measure(bootstrap, rawEnds));
        // A backfill has the machine to itself: one stream thread per task (a task per raw partition number), as a
        // user would run `pricestream replay --set streams.num.threads=N`. One per core left a thread with two of the
        // three tasks and the other idle for the last third: at 1M, 2 threads 6.75 s, 3 threads 5.63 s on 2 cores.
        int tasks = rawEnds.keySet().stream().mapToInt(TopicPartition::partition).max().orElse(0) + 1;
        String threads = Integer.toString(Math.max(tasks, Runtime.getRuntime().availableProcessors()));
        // created before the window, as `pricestream replay` creates its private topic before it starts the app
        topics.create(REPLAY_SKU_TOPIC, tasks);
        CpuAccount cpu = CpuAccount.start(thread -> replayThreadGroup(thread, applicationId));
        long started = System.nanoTime();
        try (PricesStreamsApp replay = PricesStreamsApp.create(new StreamsAppConfig(withRules(rules, Map.of(
                StreamsAppConfig.BOOTSTRAP_SERVERS, bootstrap,
                StreamsAppConfig.SCHEMA_REGISTRY_URL, registry,
                StreamsAppConfig.APPLICATION_ID, applicationId,
                StreamsAppConfig.SKU_TOPIC, REPLAY_SKU_TOPIC,
                StreamsAppConfig.STATE_DIR, Files.createDirectories(context.workDir().resolve(applicationId)).toString(),
                StreamsAppConfig.NUM_THREADS, threads,
                StreamsAppConfig.REPLICATION_FACTOR, "1"))), meters);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            replay.start();
            long finished = BenchDatabase.await("replay to commit every raw offset", () -> rawLag(admin, rawEnds, applicationId) == 0 ? 1 : 0,
                    1, () -> false, LAG_POLL, Duration.ofSeconds(Math.max(600, rawRecords / 500))).doneNanos();
            report.stage(new StageResult(REPLAY, rawRecords, Duration.ofNanos(finished - started), RawTopicsConsumeLimit.NAME,
                    "a fresh PricesStreamsApp (new application id, " + threads + " stream threads = max(raw partitions, cores), output to "
                            + REPLAY_SKU_TOPIC + ", created before the window) reprocessing every raw record of "
                            + "both runs; window = start to committed offsets = end offsets on every raw partition (polled every "
                            + LAG_POLL.toMillis() + " ms); records = raw offsets incl. run markers and transaction markers"));
            report.compare(REPLAY, RawTopicsConsumeLimit.NAME, 0.5);
            if (report.has(ConsumeLimitScenario.NAME)) {
                // no goal: that topic is lz4 and generated, the raw topics are zstd as the scrapers wrote them
                report.compare(REPLAY, ConsumeLimitScenario.NAME, null);
            }
            Map<String, Double> seconds = cpu.seconds();
            double streamThreads = seconds.getOrDefault(STREAM_THREADS, 0.0);
            report.note(REPLAY + ": CPU over the window (" + cpu.describe() + "); the stream threads "
                    + String.format(Locale.ROOT, "%.2f", rawRecords == 0 ? 0 : streamThreads * 1e6 / rawRecords)
                    + " µs per raw record, the process " + String.format(Locale.ROOT, "%.2f",
                    rawRecords == 0 ? 0 : seconds.get("process") * 1e6 / rawRecords) + " µs");
        }
    }

    private static final String STREAM_THREADS = "replay stream threads";
    private static final String REPLAY_SKU_TOPIC = "bench.replay.sku";
    /** How often the replay's committed offsets are read: the window overshoots the commit by half of it on average. */
    private static final Duration LAG_POLL = Duration.ofMillis(50);

    /** Who a thread works for during the replay, by the names Kafka and the stack give their threads. */
    private static String replayThreadGroup(String thread, String applicationId) {
        if (thread.startsWith(applicationId) && thread.contains("StreamThread") && !thread.contains("producer")) {
            return STREAM_THREADS;
        }
        if (thread.contains(applicationId)) {
            return "replay clients' other threads (producers, heartbeat, state updater)";
        }
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.contains("Txn")
                || thread.contains("coordinator") || thread.contains("quorum") || thread.contains("raft")) {
            return "broker";
        }
        return thread.equals("main") ? "bench main (offset polling)" : "other JVM threads";
    }

    private static long rawLag(Admin admin, Map<TopicPartition, Long> rawEnds, String applicationId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : rawEnds.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += end.getValue() - (offset == null ? 0 : offset.offset());
            }
            return lag;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot read offsets of '" + applicationId + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading offsets of '" + applicationId + "'", e);
        }
    }

    /** Scrapes every CSP at once, as {@code pricestream up} does; returns {records published, bytes downloaded}. */
    private static long[] scrapeAll(ScraperConfig scrapers, RunReport.Builder report, String stagePrefix) throws Exception {
        long published = 0;
        long bytes = 0;
        for (CspScrapes.Result result : new CspScrapes(scrapers).publish(Topics.CSPS)) {
            if (result.error() != null) {
                throw new IllegalStateException("scraping csp-sim's " + result.csp() + " API failed: " + result.error().getMessage(),
                        result.error());
            }
            RunOutcome outcome = result.outcome();
            published += outcome.run().getRecordsPublished();
            bytes += outcome.run().getBytesDownloaded();
            report.stage(StageResult.limit(stagePrefix + result.csp(), outcome.run().getRecordsPublished(), outcome.elapsed(),
                    "ScrapeRunner.publish of csp-sim's " + result.csp() + " API (" + outcome.run().getBytesDownloaded()
                            + " bytes downloaded, verdict " + outcome.verdict() + "), concurrently with the other CSPs; "
                            + "window = the publish call"));
        }
        return new long[] {published, bytes};
    }

    /**
     * Returns {nanoTime, infra_price rows, change events} of the first of {@code polls} equal polls once the streams app
     * has committed every raw offset and {@code prices.changes} holds at least {@code minEvents} events and at least one
     * per {@code infra_price} row.
     */
    private long[] awaitQuiet(BenchDatabase database, String bootstrap, String applicationId, String sinkGroup,
                              AtomicReference<Throwable> sinkFailure, Duration timeout, long minEvents, int polls) throws Exception {
        TopicFiller topics = new TopicFiller(bootstrap);
        PendingRecords pending = new PendingRecords(bootstrap, KafkaClientOverrides.NONE);
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] candidate = null;
        int equalPolls = 0;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                if (sinkFailure.get() != null) {
                    throw new IllegalStateException("the sink failed: " + sinkFailure.get().getMessage(), sinkFailure.get());
                }
                long now = System.nanoTime();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata().get();
                boolean streamsDone = true;
                for (String csp : Topics.CSPS) {
                    for (Map.Entry<TopicPartition, Long> end : topics.endOffsets(Topics.raw(csp)).entrySet()) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                            streamsDone = false;
                        }
                    }
                }
                // Only once the streams app has committed everything is prices.sku final; then the sink must have stored
                // every committed record of it. Stable row counts alone ended the window early while the sink was mid-batch.
                boolean sinkDone = streamsDone && !pending.any(sinkOffsets(database, sinkGroup), topics.endOffsets(Topics.SKU));
                long rows = database.queryLong("SELECT count(*) FROM api_price.infra_price");
                long events = topics.endOffsets(Topics.CHANGES).values().stream().mapToLong(Long::longValue).sum();
                boolean quiet = sinkDone && rows > 0 && events >= rows && events >= minEvents;
                if (quiet && candidate != null && candidate[1] == rows && candidate[2] == events) {
                    if (++equalPolls >= polls - 1) {
                        return candidate;
                    }
                } else if (quiet) {
                    candidate = new long[] {now, rows, events};
                    equalPolls = 0;
                } else {
                    candidate = null;
                    equalPolls = 0;
                }
                LOG.info("Full refresh: streams caught up {}, sink caught up {}, {} infra_price rows, {} change events", streamsDone,
                        sinkDone, rows, events);
                Thread.sleep(POLL.toMillis());
            }
        }
        throw new IllegalStateException("the full refresh did not become quiet within " + timeout.toSeconds() + " s");
    }

    private static Map<String, Object> cdcSettings(BenchDatabase database, String bootstrap, String registry, String suffix) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CdcConfig.BOOTSTRAP_SERVERS, bootstrap);
        settings.put(CdcConfig.SCHEMA_REGISTRY_URL, registry);
        settings.put(CdcConfig.JDBC_URL, database.url());
        settings.put(CdcConfig.JDBC_USER, database.user());
        settings.put(CdcConfig.JDBC_PASSWORD, database.password());
        settings.put(CdcConfig.SLOT_NAME, "bench_" + suffix);
        settings.put(CdcConfig.OFFSET_TOPIC, "bench.cdc.offsets." + suffix);
        settings.put(CdcConfig.TOPIC_REPLICATION_FACTOR, "1");
        settings.put(CdcConfig.OFFSET_TOPIC_REPLICATION_FACTOR, "1");
        return settings;
    }

    private static Map<String, Object> sinkSettings(BenchDatabase database, String bootstrap, String registry, String suffix) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrap);
        settings.put(SinkConfig.GROUP_ID, sinkGroup(suffix));
        settings.put(SinkConfig.JDBC_URL, database.url());
        settings.put(SinkConfig.JDBC_USER, database.user());
        settings.put(SinkConfig.JDBC_PASSWORD, database.password());
        settings.put(SinkConfig.SCHEMA_REGISTRY_URL, registry);
        return settings;
    }

    private static String sinkGroup(String suffix) {
        return "bench-full-refresh-" + suffix;
    }

    /** The sink's stored next offsets of {@code prices.sku}, from its own table (written with the rows). */
    private static Map<TopicPartition, Long> sinkOffsets(BenchDatabase database, String group) throws SQLException {
        try (Connection connection = database.connect()) {
            return new SinkOffsetStore(group).loadAll(connection, Topics.SKU);
        }
    }

    private static long peakHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    }
}
