package io.pricestream.cli.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * {@code sink}, {@code price} and {@code export} on the shared local stack: prices produced to a topic end up
 * in the database through the sink verb, {@code price} shows a row and its history, and both export formats
 * hold the same rows — the SQL one loads into a fresh migrated database unchanged.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SinkPriceExportIT {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path workDir;

    @Test
    void shouldStorePricesShowThemAndExportThemWhenTheSinkRuns() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String database = SharedLocalStack.uniqueName("cli_sink");
        String url = VerbSession.createDatabase(stack, database);
        Map<String, String> env = VerbSession.environment(stack, database);
        assertThat(new CliRun(env, workDir).execute("db", "migrate").exitCode()).isEqualTo(ExitCodes.OK);
        String topic = SharedLocalStack.uniqueName("cli_sku");
        produce(stack, topic, List.of(
                price("SKU1.JRTCKXETXF.6YS6EN2CT7", "SKU1", "0.0960", T0),
                price("SKU2.JRTCKXETXF.6YS6EN2CT7", "SKU2", "1.5", T0)));

        try (VerbSession sink = VerbSession.start(env, workDir, "sink", "--topic", topic,
                "--group", SharedLocalStack.uniqueName("cli_sink_group"), "--set", "sink.dlq.topic=" + topic + "_dlq")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> count(url, "infra_price_history") == 2 || !sink.isRunning());
            // A change an hour later, in a batch of its own (one batch keeps only the newest per price): a second period.
            produce(stack, topic, List.of(price("SKU1.JRTCKXETXF.6YS6EN2CT7", "SKU1", "0.1010", T0.plusSeconds(3600))));
            await().atMost(Duration.ofSeconds(120)).until(() -> count(url, "infra_price_history") == 3 || !sink.isRunning());
            assertThat(sink.run().out()).as(sink.run().err()).contains("sink running: " + topic);
            assertThat(sink.stop()).as(sink.run().err()).isEqualTo(ExitCodes.OK);
        }

        CliRun shown = new CliRun(env, workDir).execute("price", "aws", "SKU1.JRTCKXETXF.6YS6EN2CT7");
        assertThat(shown.exitCode()).as(shown.err()).isEqualTo(ExitCodes.OK);
        assertThat(shown.out()).contains("aws SKU1.JRTCKXETXF.6YS6EN2CT7  ACTIVE").contains("price     0.101 USD/hours")
                .contains("history   2 periods").contains("2026-11-20T10:00:00Z → 2026-11-20T11:00:00Z  0.096 USD/hours");

        CliRun json = new CliRun(env, workDir).execute("price", "aws", "SKU2", "--json");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCodes.OK);
        JsonNode document = new ObjectMapper().readTree(json.out());
        assertThat(document.get("prices")).hasSize(1);
        assertThat(document.get("prices").get(0).get("price").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(document.get("prices").get(0).get("history")).hasSize(1);

        CliRun missing = new CliRun(env, workDir).execute("price", "aws", "NO-SUCH-ID");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("NO-SUCH-ID");

        Path csvDir = workDir.resolve("csv");
        CliRun csv = new CliRun(env, workDir).execute("export", "--format", "csv", "--output", csvDir.toString());
        assertThat(csv.exitCode()).as(csv.err()).isEqualTo(ExitCodes.OK);
        List<String> priceRows = Files.readAllLines(csvDir.resolve("infra_price.csv"));
        assertThat(priceRows).hasSize(3);
        assertThat(priceRows.get(0)).startsWith("cloud_provider,price_id,sku_id");
        assertThat(priceRows.get(1)).startsWith("aws,SKU1.JRTCKXETXF.6YS6EN2CT7,SKU1,").contains("0.101000000000");
        assertThat(Files.readAllLines(csvDir.resolve("infra_price_history.csv"))).hasSize(4);
        CliRun oneTable = new CliRun(env, workDir).execute("export", "--format", "csv", "--table", "infra_price_history");
        assertThat(oneTable.exitCode()).as(oneTable.err()).isEqualTo(ExitCodes.OK);
        assertThat(oneTable.out().lines().toList()).hasSize(4).first().asString().startsWith("cloud_provider,price_id,sku_id");

        Path script = workDir.resolve("prices.sql");
        CliRun sql = new CliRun(env, workDir).execute("export", "--format", "sql", "--output", script.toString());
        assertThat(sql.exitCode()).as(sql.err()).isEqualTo(ExitCodes.OK);
        String copyDatabase = SharedLocalStack.uniqueName("cli_copy");
        String copyUrl = VerbSession.createDatabase(stack, copyDatabase);
        assertThat(new CliRun(env, workDir).execute("db", "migrate", "--jdbc-url", copyUrl).exitCode()).isEqualTo(ExitCodes.OK);
        try (Connection connection = DriverManager.getConnection(copyUrl, stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute(Files.readString(script));
        }
        assertThat(Files.readString(script)).contains("INSERT INTO api_price.infra_price_period")
                .doesNotContain("INSERT INTO api_price.infra_price_history");
        for (String table : List.of("infra_price", "infra_price_history")) {
            assertThat(rows(copyUrl, table)).as(table).isEqualTo(rows(url, table)).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseToStartAndNameTheFixWhenTheSchemaIsNotMigrated() throws Exception {
        PipelineEnvironment stack = ItEnvironment.get();
        String database = SharedLocalStack.uniqueName("cli_unmigrated");
        VerbSession.createDatabase(stack, database);

        CliRun run = new CliRun(VerbSession.environment(stack, database), workDir).execute("sink");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains(database).contains("run `pricestream db migrate`");
    }

    private static SkuPrice price(String priceId, String skuId, String amount, Instant observedAt) {
        return SkuPrice.newBuilder().setCsp("aws").setPriceId(priceId).setSkuId(skuId).setService("AmazonEC2")
                .setRegion("us-east-1").setUnit("hours").setUnitPublished("Hrs").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setPrice(new BigDecimal(amount)).setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND).setAttributes(Map.of("instanceType", "m5.large"))
                .setObservedAt(observedAt).setRunId("run-" + observedAt.getEpochSecond()).build();
    }

    private static void produce(PipelineEnvironment stack, String topic, List<SkuPrice> prices) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
        }
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        try (KafkaProducer<PriceKey, SkuPrice> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.skuPrice(registry).serializer())) {
            for (SkuPrice price : prices) {
                producer.send(new ProducerRecord<>(topic, new PriceKey(price.getCsp(), price.getPriceId()), price)).get();
            }
        }
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, ItEnvironment.get().jdbcUser(), ItEnvironment.get().jdbcPassword());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM api_price." + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Every row as text, in key order: equal lists = equal tables. */
    private static List<String> rows(String url, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, ItEnvironment.get().jdbcUser(), ItEnvironment.get().jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet result = statement.executeQuery("SELECT t::text FROM api_price." + table + " t ORDER BY 1")) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }
}
