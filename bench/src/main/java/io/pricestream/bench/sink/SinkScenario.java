package io.pricestream.bench.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.data.PriceCopyFile;
import io.pricestream.bench.data.PriceStructs;
import io.pricestream.bench.data.SkuPriceGenerator;
import io.pricestream.bench.kafka.TopicFiller;
import io.pricestream.bench.report.RunReport;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5, "Must show" 3: the same N generated prices loaded (a) by plain {@code COPY} into an equal table
 * (the physical limit), (b) by our {@code PriceSink} from an Avro topic and (c) by Debezium's JDBC sink from a
 * JSON-with-schema topic; everything is generated and produced before any window opens.
 */
public final class SinkScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(SinkScenario.class);
    public static final String NAME = "sink";
    static final String AVRO_TOPIC = "bench.prices.sku";
    static final String JSON_TOPIC = "bench_debezium_prices";
    /** Ours must be at least this many times Debezium's JDBC sink (issue 5). */
    public static final double GOAL_VS_DEBEZIUM = 5.0;
    /** Ours must reach at least this fraction of plain COPY (issue 5). */
    public static final double GOAL_VS_COPY = 0.5;

    /** The run's generated prices: the same seed gives the same N records in every scenario. */
    public static SkuPriceGenerator generator(BenchContext context) {
        return new SkuPriceGenerator(context.options().seed(), Instant.parse("2026-11-20T06:00:00Z"), "bench-run-1");
    }

    /** Writes the run's N prices as a binary COPY file to the work dir (outside any measured window). */
    public static Path writeCopyFile(BenchContext context) throws IOException {
        long n = context.options().scale();
        SkuPriceGenerator generator = generator(context);
        Path file = context.workDir().resolve("prices.copy");
        long before = System.nanoTime();
        PriceCopyFile.write(file, n, generator::price);
        LOG.info("Wrote {} binary COPY rows ({} MiB) in {} ms", n, Files.size(file) >> 20, (System.nanoTime() - before) / 1_000_000);
        return file;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) throws IOException {
        long n = context.options().scale();
        BenchDatabase database = context.database();
        new PriceSchemaMigrator(database.url(), database.user(), database.password()).migrate();
        SkuPriceGenerator generator = generator(context);

        Path rows = writeCopyFile(context);

        TopicFiller topics = new TopicFiller(context.stack().bootstrapServers());
        int partitions = context.options().partitions();
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(context.stack().schemaRegistryUrl());
        Serializer<PriceKey> keys = PriceSerdes.priceKey(registry).serializer();
        Serializer<SkuPrice> values = PriceSerdes.skuPrice(registry).serializer();
        topics.create(AVRO_TOPIC, partitions);
        Duration avroFill = topics.fill(AVRO_TOPIC, n, i -> {
            SkuPrice price = generator.price(i);
            return new TopicFiller.Bytes(keys.serialize(AVRO_TOPIC, new PriceKey(price.getCsp(), price.getPriceId())),
                    values.serialize(AVRO_TOPIC, price));
        });
        JsonConverter keyConverter = new JsonConverter();
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter valueConverter = new JsonConverter();
        valueConverter.configure(Map.of("schemas.enable", "true"), false);
        topics.create(JSON_TOPIC, partitions);
        Duration jsonFill = topics.fill(JSON_TOPIC, n, i -> {
            SkuPrice price = generator.price(i);
            return new TopicFiller.Bytes(keyConverter.fromConnectData(JSON_TOPIC, PriceStructs.KEY_SCHEMA, PriceStructs.key(price)),
                    valueConverter.fromConnectData(JSON_TOPIC, PriceStructs.VALUE_SCHEMA, PriceStructs.value(price)));
        });
        report.note("sink: " + n + " generated prices (seed " + context.options().seed() + "), " + partitions
                + " partitions per topic, lz4; pre-produced before timing (Avro topic " + avroFill.toMillis()
                + " ms, JSON-with-schema topic " + jsonFill.toMillis() + " ms, not in any window); CHECKPOINT before each stage");

        Duration timeout = Duration.ofSeconds(Math.max(300, n / 1000));
        CopyLimitStage copy = new CopyLimitStage(database);
        copy.prepare(report);
        report.stage(copy.run(rows, n));
        PriceSinkStage ours = new PriceSinkStage(database, context.stack().bootstrapServers(), context.stack().schemaRegistryUrl(),
                context.options().sinkBatchRecords());
        ours.run(AVRO_TOPIC, n, n, timeout).forEach(report::stage);
        if (ours.lastBreakdown() != null) {
            report.note(ours.lastBreakdown());
        }
        DebeziumJdbcSinkStage debezium = new DebeziumJdbcSinkStage(database, context.stack().bootstrapServers(), context.workDir());
        for (DebeziumJdbcSinkStage.Target target : DebeziumJdbcSinkStage.Target.values()) {
            debezium.run(JSON_TOPIC, target, n, timeout).forEach(report::stage);
            String table = DebeziumJdbcSinkStage.table(JSON_TOPIC, target);
            report.note(target.stage() + " wrote public." + table + " (" + debezium.tableColumns(table) + ")");
        }
        // the goal is measured against Debezium writing the same table as ours; its own, easier table is for reference
        String ownTable = DebeziumJdbcSinkStage.Target.OWN_TABLE.stage();
        report.compare(PriceSinkStage.NAME, DebeziumJdbcSinkStage.NAME, GOAL_VS_DEBEZIUM);
        report.compare(PriceSinkStage.NAME, ownTable, null);
        report.compare(PriceSinkStage.NAME, CopyLimitStage.NAME, GOAL_VS_COPY);
        if (report.has(PriceSinkStage.NAME + "-steady") && report.has(DebeziumJdbcSinkStage.NAME + "-steady")) {
            report.compare(PriceSinkStage.NAME + "-steady", DebeziumJdbcSinkStage.NAME + "-steady", GOAL_VS_DEBEZIUM);
        }
        Files.deleteIfExists(rows);
    }
}
