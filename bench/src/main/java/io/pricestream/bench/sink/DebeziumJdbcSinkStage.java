package io.pricestream.bench.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pricestream.bench.report.StageResult;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer a user would otherwise pick: Debezium's JDBC sink connector ({@code insert.mode=upsert},
 * {@code primary.key.mode=record_key}, {@code schema.evolution=basic}) in an in-process Kafka Connect
 * standalone worker, reading JSON-with-schema records. The window runs from submitting the connector until the
 * table holds every record.
 *
 * <p>Two targets: {@link Target#EQUAL_TABLE}, a table created {@code LIKE api_price.infra_price INCLUDING ALL}
 * before the window (the same columns, types, keys, indexes and checks our sink and the COPY limit write, as a user
 * pointing Debezium at their price table would have), and {@link Target#OWN_TABLE}, the table Debezium's schema
 * evolution creates by itself (primary key only, {@code numeric} and {@code timestamp} columns): an easier table,
 * measured for reference.
 */
public final class DebeziumJdbcSinkStage {

    private static final Logger LOG = LoggerFactory.getLogger(DebeziumJdbcSinkStage.class);
    public static final String NAME = "debezium-jdbc-sink";
    private static final String CONNECTOR = "bench-debezium-jdbc-sink";

    /** Which table the connector writes. */
    public enum Target {
        EQUAL_TABLE(NAME, "", "a table created LIKE api_price.infra_price INCLUDING ALL before the window"),
        OWN_TABLE(NAME + "-own-table", "_own", "the table its schema evolution creates (primary key only)");

        private final String stage;
        private final String tableSuffix;
        private final String description;

        Target(String stage, String tableSuffix, String description) {
            this.stage = stage;
            this.tableSuffix = tableSuffix;
            this.description = description;
        }

        public String stage() {
            return stage;
        }
    }

    private final BenchDatabase database;
    private final String bootstrapServers;
    private final Path workDir;

    public DebeziumJdbcSinkStage(BenchDatabase database, String bootstrapServers, Path workDir) {
        this.database = database;
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
    }

    /** The table {@code target} writes for {@code topic}, which must be a valid unquoted table name. */
    public static String table(String topic, Target target) {
        return topic + target.tableSuffix;
    }

    /** {@code topic} must be a valid unquoted table name: the connector names its table after it. */
    public java.util.List<StageResult> run(String topic, Target target, long expectedRows, Duration timeout) {
        // Connect calls Exit.exit on start-up failures; in our JVM that must become an exception, not a halt
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka Connect asked to exit with status " + code + ": " + message);
        });
        String table = table(topic, target);
        if (target == Target.EQUAL_TABLE) {
            database.execute("CREATE TABLE public." + table + " (LIKE api_price.infra_price INCLUDING ALL)");
        }
        database.checkpoint();
        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerProperties(target));
        try {
            long started = System.nanoTime();
            FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
            connect.herder().putConnectorConfig(connectorName(target), connectorProperties(topic, target), false, created);
            created.get(60, TimeUnit.SECONDS);
            String count = "SELECT count(*) FROM public." + table;
            BenchDatabase.Progress progress = BenchDatabase.await("Debezium JDBC sink to write " + expectedRows + " rows",
                    () -> database.queryLong(count), expectedRows, () -> false, Duration.ofMillis(500), timeout);
            long rows = database.queryLong(count);
            if (rows != expectedRows) {
                throw new IllegalStateException("Debezium JDBC sink wrote " + rows + " rows, expected " + expectedRows);
            }
            Duration took = Duration.ofNanos(progress.doneNanos() - started);
            LOG.info("Debezium JDBC sink wrote {} rows in {} ms", rows, took.toMillis());
            java.util.List<StageResult> results = new java.util.ArrayList<>();
            results.add(new StageResult(target.stage, rows, took, CopyLimitStage.NAME,
                    "Debezium JDBC sink " + debeziumVersion() + " (upsert, record_key, schema.evolution=basic, defaults "
                            + "otherwise: tasks.max=1, batch.size=500) in an in-process Connect standalone worker, "
                            + "JsonConverter with schemas, into " + target.description + "; from putConnectorConfig until "
                            + "count(*) reaches N (polled every 500 ms); writes current state only (no history)"));
            long steady = progress.steadyRecords(expectedRows);
            if (steady > 0 && progress.doneNanos() > progress.firstNanos()) {
                results.add(new StageResult(target.stage + "-steady", steady, Duration.ofNanos(progress.doneNanos() - progress.firstNanos()),
                        CopyLimitStage.NAME, "same run, from the first poll that saw rows (" + progress.firstValue()
                                + ") to the end: throughput without connector start-up"));
            }
            return results;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot start the Debezium JDBC sink connector: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running the Debezium JDBC sink", e);
        } finally {
            connect.stop();
            Exit.resetExitProcedure();
        }
    }

    /** The column types Debezium chose for its table (schema evolution {@code basic}), e.g. {@code price numeric}, for the report. */
    public String tableColumns(String table) {
        return database.queryString("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '" + table + "'")
                + "; indexes: " + database.queryString("SELECT string_agg(indexname, ', ' ORDER BY indexname) FROM pg_indexes "
                + "WHERE schemaname = 'public' AND tablename = '" + table + "'");
    }

    /** Implementation-Version of the connector jar, or "unknown". */
    public static String debeziumVersion() {
        Package pkg = io.debezium.connector.jdbc.JdbcSinkConnector.class.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    private Map<String, String> workerProperties(Target target) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("key.converter", JsonConverter.class.getName());
        worker.put("value.converter", JsonConverter.class.getName());
        worker.put("key.converter.schemas.enable", "true");
        worker.put("value.converter.schemas.enable", "true");
        worker.put("offset.storage.file.filename", workDir.resolve("connect" + target.tableSuffix + ".offsets").toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("listeners", "http://127.0.0.1:0");
        return worker;
    }

    /** One connector, and so one consumer group ({@code connect-<name>}), per target: each reads the topic from the start. */
    private static String connectorName(Target target) {
        return CONNECTOR + target.tableSuffix;
    }

    private Map<String, String> connectorProperties(String topic, Target target) {
        Map<String, String> connector = new HashMap<>();
        connector.put("name", connectorName(target));
        connector.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        connector.put("tasks.max", "1");
        connector.put("topics", topic);
        connector.put("connection.url", database.url());
        connector.put("connection.username", database.user());
        connector.put("connection.password", database.password());
        connector.put("insert.mode", "upsert");
        connector.put("primary.key.mode", "record_key");
        connector.put("schema.evolution", "basic");
        connector.put("collection.name.format", "${topic}" + target.tableSuffix);
        return connector;
    }
}
