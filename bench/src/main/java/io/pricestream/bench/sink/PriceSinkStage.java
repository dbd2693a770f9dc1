package io.pricestream.bench.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.bench.report.StageResult;
import io.pricestream.connect.sink.PriceSink;
import io.pricestream.connect.sink.SinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our sink ({@link PriceSink}) reading a pre-filled {@code prices.sku}-like topic (Avro, Confluent wire
 * format) into the migrated {@code api_price} schema, current state and history. The window runs from
 * starting the sink thread until the offsets it stores in the database (same transaction as the rows)
 * reach the topic's end offsets; {@code infra_price} must then hold every record.
 */
public final class PriceSinkStage {

    private static final Logger LOG = LoggerFactory.getLogger(PriceSinkStage.class);
    public static final String NAME = "pricestream-sink";

    private final BenchDatabase database;
    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final int batchMaxRecords;
    private String lastBreakdown;

    public PriceSinkStage(BenchDatabase database, String bootstrapServers, String schemaRegistryUrl, int batchMaxRecords) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.batchMaxRecords = batchMaxRecords;
    }

    /** How the last run's window split between database transactions and the rest, or null before a run. */
    public String lastBreakdown() {
        return lastBreakdown;
    }

    /** The whole window (start to last offset), then the steady part (first committed batch to last offset) when there is one. */
    public java.util.List<StageResult> run(String topic, long topicRecords, long expectedRows, Duration timeout) {
        String group = "bench-sink-" + System.currentTimeMillis();
        Map<String, Object> settings = new HashMap<>();
        settings.put(SinkConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(SinkConfig.GROUP_ID, group);
        settings.put(SinkConfig.TOPIC, topic);
        settings.put(SinkConfig.DLQ_TOPIC, topic + ".dlq");
        settings.put(SinkConfig.JDBC_URL, database.url());
        settings.put(SinkConfig.JDBC_USER, database.user());
        settings.put(SinkConfig.JDBC_PASSWORD, database.password());
        settings.put(SinkConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        settings.put(SinkConfig.BATCH_MAX_RECORDS, batchMaxRecords);
        SinkConfig config = new SinkConfig(settings);
        database.checkpoint();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        BenchDatabase.Progress progress;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (PriceSink sink = PriceSink.create(config, meters)) {
            Thread worker = new Thread(sink, "bench-price-sink");
            worker.setUncaughtExceptionHandler((thread, error) -> failure.set(error));
            worker.start();
            progress = BenchDatabase.await("pricestream sink offsets to reach " + topicRecords,
                    () -> database.queryLong("SELECT coalesce(sum(next_offset), 0) FROM api_price.sink_offsets "
                            + "WHERE consumer_group = ? AND topic = ?", group, topic), topicRecords,
                    () -> failure.get() != null, Duration.ofMillis(100), timeout);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Our sink failed: " + failure.get().getMessage(), failure.get());
        }
        long rows = database.queryLong("SELECT count(*) FROM api_price.infra_price");
        long open = database.queryLong("SELECT count(*) FROM api_price.infra_price_history WHERE valid_to IS NULL");
        if (rows != expectedRows || open != expectedRows) {
            throw new IllegalStateException("Our sink stored all offsets but infra_price has " + rows
                    + " rows and infra_price_history " + open + " open periods; expected " + expectedRows);
        }
        Duration took = Duration.ofNanos(progress.doneNanos() - started);
        LOG.info("Our sink wrote {} prices (+ history) in {} ms", rows, took.toMillis());
        java.util.List<StageResult> results = new java.util.ArrayList<>();
        results.add(new StageResult(NAME, rows, took, CopyLimitStage.NAME,
                "PriceSink (batch " + batchMaxRecords + " records, one consumer) from thread start until the offsets in "
                        + "api_price.sink_offsets reach the topic's end (polled every 100 ms); includes schema validation and "
                        + "group join; writes infra_price and the history (infra_price_history: closed periods in "
                        + "infra_price_period, the open period of a price is its infra_price row); rows and open periods "
                        + "verified after"));
        // where the window went: the sink's own timer of the database transaction per batch (COPY + SQL + commit)
        io.micrometer.core.instrument.Timer apply = meters.find("pricestream.sink.batch.apply").timer();
        if (apply != null && apply.count() > 0) {
            double applySeconds = apply.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9;
            lastBreakdown = String.format(java.util.Locale.ROOT, "%s: %d batches, database transactions took %.2f s of the "
                            + "%.2f s window (%.0f %%); the rest is start-up, polling Kafka, Avro decoding and batching",
                    NAME, apply.count(), applySeconds, took.toNanos() / 1e9, 100 * applySeconds / (took.toNanos() / 1e9));
            LOG.info(lastBreakdown);
        }
        long steady = progress.steadyRecords(topicRecords);
        if (steady > 0 && progress.doneNanos() > progress.firstNanos()) {
            results.add(new StageResult(NAME + "-steady", steady, Duration.ofNanos(progress.doneNanos() - progress.firstNanos()),
                    CopyLimitStage.NAME, "same run, from the first poll that saw a committed batch (" + progress.firstValue()
                            + " offsets) to the end: throughput without start-up and group join"));
        }
        return results;
    }
}
