package io.pricestream.connect.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/**
 * An independent, non-Java client reads {@code prices.changes}: the Node.js script {@code clients/node/decode-changes.js}
 * (kafkajs + @kafkajs/confluent-schema-registry, sharing no code with the Java serdes) consumes events written
 * with {@link PriceSerdes} through the real broker and registry of the shared local stack, and every field it
 * prints must equal what was produced — decimals digit for digit.
 *
 * <p>Node.js and npm are test prerequisites of this module: without them this test fails (it does not skip),
 * because a skipped interoperability check proves nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NodeClientIT {

    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SCALE = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path nodeProject;

    private PipelineEnvironment stack;
    private RestSchemaRegistryClient registry;
    private String topic;
    private PriceChangePublisher publisher;
    private Database db;
    private String slot;

    @BeforeAll
    static void installNodeClient() throws Exception {
        nodeProject = locateNodeProject();
        requireOnPath("node");
        requireOnPath("npm");
        // npm writes node_modules/.package-lock.json on install: older than the lockfile = stale dependencies.
        Path installed = nodeProject.resolve("node_modules/.package-lock.json");
        Path lock = nodeProject.resolve("package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_CI_TIMEOUT);
            assertThat(ci.exitCode()).as("npm ci in %s failed:\n%s", nodeProject, ci.stderr()).isZero();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        stack = ItEnvironment.get();
        registry = new RestSchemaRegistryClient(stack.schemaRegistryUrl());
        topic = SharedLocalStack.uniqueName("node_changes");
        // Two partitions: the script must read every partition, not only the first.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void tearDown() {
        if (publisher != null) {
            publisher.close();
        }
        if (slot != null && ReplicationSlots.exists(db.jdbcUrl(), db.user(), db.password(), slot)) {
            // The walsender may take a moment to let go of the slot after the engine closed.
            await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> ReplicationSlots.drop(db.jdbcUrl(), db.user(), db.password(), slot));
        }
    }

    @Test
    void shouldDecodeEveryFieldExactlyWhenNodeClientReadsEventsWrittenByJavaSerdes() throws Exception {
        BigDecimal largeOld = new BigDecimal("99999999999999999999999999.999999999999"); // 38 digits: decimal(38,12) at its limit
        BigDecimal largeNew = new BigDecimal("12345678901234567890123456.789012345678");
        List<PriceChanged> produced = List.of(
                event("aws", "new-1", ChangeType.NEW, null, new BigDecimal("0.0960"), null, "USD", "Hrs", null, null,
                        1_700_000_000_000L, 24_197_067_064L, 771L),
                event("azure", "changed-1", ChangeType.CHANGED, new BigDecimal("0.0960"), new BigDecimal("0.1010"),
                        pct(new BigDecimal("0.0960"), new BigDecimal("0.1010")), "USD", "1 Hour", "Consumption", null,
                        1_700_000_000_123L, 24_197_067_200L, 772L),
                event("gcp", "retired-1", ChangeType.RETIRED, new BigDecimal("2.5"), null, null, "EUR", "GiBy.mo", "OnDemand",
                        "1yr", 1_700_000_001_999L, 24_197_067_300L, null),
                event("aws", "fine-1", ChangeType.CHANGED, new BigDecimal("0.000000123456"), new BigDecimal("1.123456789012"),
                        pct(new BigDecimal("0.000000123456"), new BigDecimal("1.123456789012")), "USD", "Requests", null, null,
                        1_700_000_002_000L, 9_007_199_254_740_993L, 9_007_199_254_740_995L), // 2^53 + 1: no JavaScript number
                event("aws", "large-1", ChangeType.CHANGED, largeOld, largeNew, pct(largeOld, largeNew), "JPY", "Hrs",
                        "Reserved", "3yr", 1_700_000_003_000L, 24_197_067_500L, 774L));
        assertThat(produced.get(4).getChangePct()).isNegative(); // a negative two's complement on the wire too

        produce(produced);
        Result decoded = decodeWithNode(produced.size());

        assertThat(decoded.exitCode()).as("decode-changes.js failed:\n%s", decoded.stderr()).isZero();
        Map<String, JsonNode> byPriceId = parseLines(decoded.stdout()).stream()
                .collect(Collectors.toMap(line -> line.path("price_id").asText(), Function.identity()));
        assertThat(byPriceId.keySet()).containsExactlyInAnyOrderElementsOf(produced.stream().map(PriceChanged::getPriceId).toList());
        for (PriceChanged expected : produced) {
            assertDecodedAs(byPriceId.get(expected.getPriceId()), expected);
        }
    }

    @Test
    void shouldDecodeEventsOfThePublisherWhenRowsChangeInPostgres() throws Exception {
        db = TestDatabases.create("node_cdc");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        slot = SharedLocalStack.uniqueName("node_cdc");
        publisher = new PriceChangePublisher(new CdcConfig(Map.of(
                CdcConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                CdcConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                CdcConfig.JDBC_URL, db.jdbcUrl(),
                CdcConfig.JDBC_USER, db.user(),
                CdcConfig.JDBC_PASSWORD, db.password(),
                CdcConfig.SLOT_NAME, slot,
                CdcConfig.PUBLICATION_NAME, slot,
                CdcConfig.TOPIC, topic,
                CdcConfig.OFFSET_TOPIC, slot + "_offsets")), new SimpleMeterRegistry());
        publisher.start();
        publisher.awaitStarted(WAIT);
        try (Connection sql = db.connect()) {
            execute(sql, """
                    INSERT INTO api_price.infra_price (cloud_provider, price_id, sku_id, region, service, start_usage_amount,
                        unit, unit_published, unit_multiplier, price, currency, purchase_option, first_seen_at,
                        last_changed_at, observed_at, run_id, last_changed_run_id)
                    VALUES ('aws', 'p-1', 'SKU1', 'us-east-1', 'AmazonEC2', 0, 'hours', 'Hrs', 1, 0.0960, 'USD',
                        'ON_DEMAND', now(), now(), now(), 'run-1', 'run-1'),
                           ('aws', 'p-2', 'SKU2', 'us-east-1', 'AmazonEC2', 0, 'hours', 'Hrs', 1, 1.123456789012, 'USD',
                        'ON_DEMAND', now(), now(), now(), 'run-1', 'run-1')""", 2);
            execute(sql, "UPDATE api_price.infra_price SET price = 0.1010 WHERE price_id = 'p-1'", 1);
            execute(sql, "UPDATE api_price.infra_price SET retired_at = now() WHERE price_id = 'p-2'", 1);
        }
        List<ConsumerRecord<PriceKey, PriceChanged>> javaDecoded;
        try (ChangeEvents events = new ChangeEvents(stack.bootstrapServers(), stack.schemaRegistryUrl(), topic)) {
            javaDecoded = events.readThrough(event -> event.getChangeType() == ChangeType.RETIRED, WAIT);
        }
        assertThat(javaDecoded).hasSize(4);

        Result decoded = decodeWithNode(4);

        assertThat(decoded.exitCode()).as("decode-changes.js failed:\n%s", decoded.stderr()).isZero();
        Map<String, JsonNode> byChange = parseLines(decoded.stdout()).stream().collect(Collectors.toMap(
                line -> line.path("price_id").asText() + " " + line.path("change_type").asText(), Function.identity()));
        assertThat(byChange).containsOnlyKeys("p-1 NEW", "p-1 CHANGED", "p-2 NEW", "p-2 RETIRED");
        // Every field as the Java deserializer reads the same record ...
        for (ConsumerRecord<PriceKey, PriceChanged> record : javaDecoded) {
            assertDecodedAs(byChange.get(record.value().getPriceId() + " " + record.value().getChangeType()), record.value());
        }
        // ... and the prices as written to PostgreSQL, independently of any deserializer.
        assertThat(byChange.get("p-1 CHANGED").path("old_price").asText()).isEqualTo("0.096000000000");
        assertThat(byChange.get("p-1 CHANGED").path("new_price").asText()).isEqualTo("0.101000000000");
        assertThat(byChange.get("p-1 CHANGED").path("change_pct").asText()).isEqualTo("5.208333333333");
        assertThat(byChange.get("p-2 RETIRED").path("old_price").asText()).isEqualTo("1.123456789012");
        assertThat(byChange.get("p-2 RETIRED").path("new_price").isNull()).isTrue();
    }

    @Test
    void shouldExitNonZeroNamingTheRecordWhenBytesAreNotConfluentAvro() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            // Magic byte 1: not the Confluent wire format.
            producer.send(new ProducerRecord<>(topic, 0, new byte[] {1, 0, 0, 0, 1}, new byte[] {1, 0, 0, 0, 1, 2})).get(30, TimeUnit.SECONDS);
        }

        Result decoded = decodeWithNode(1);

        assertThat(decoded.exitCode()).as("stderr:\n%s", decoded.stderr()).isEqualTo(3);
        assertThat(decoded.stdout()).isEmpty();
        assertThat(decoded.stderr()).contains("cannot decode the record at topic '" + topic + "' partition 0 offset 0");
    }

    private static void assertDecodedAs(JsonNode line, PriceChanged expected) {
        String what = "decoded " + expected.getPriceId();
        assertThat(line.path("key").path("csp").asText()).as(what).isEqualTo(expected.getCsp());
        assertThat(line.path("key").path("price_id").asText()).as(what).isEqualTo(expected.getPriceId());
        assertThat(line.path("csp").asText()).as(what).isEqualTo(expected.getCsp());
        assertThat(line.path("price_id").asText()).as(what).isEqualTo(expected.getPriceId());
        assertThat(line.path("sku_id").asText()).as(what).isEqualTo(expected.getSkuId());
        assertThat(line.path("change_type").asText()).as(what).isEqualTo(expected.getChangeType().name());
        assertDecimal(line, "old_price", expected.getOldPrice());
        assertDecimal(line, "new_price", expected.getNewPrice());
        assertDecimal(line, "change_pct", expected.getChangePct());
        assertThat(line.path("currency").asText()).as(what).isEqualTo(expected.getCurrency());
        assertThat(line.path("unit").asText()).as(what).isEqualTo(expected.getUnit());
        assertThat(line.path("region").asText()).as(what).isEqualTo(expected.getRegion());
        assertThat(line.path("service").asText()).as(what).isEqualTo(expected.getService());
        assertNullableText(line, "purchase_option", expected.getPurchaseOption());
        assertNullableText(line, "term", expected.getTerm());
        assertThat(Instant.parse(line.path("committed_at").asText())).as(what).isEqualTo(expected.getCommittedAt());
        // 64-bit integers are printed as strings so no JSON reader rounds them.
        assertThat(line.path("source_lsn").isTextual()).as(what + " source_lsn is a JSON string").isTrue();
        assertThat(line.path("source_lsn").asText()).as(what).isEqualTo(Long.toString(expected.getSourceLsn()));
        assertNullableText(line, "source_tx_id", expected.getSourceTxId() == null ? null : expected.getSourceTxId().toString());
    }

    /** Exact: a JSON string (never a float), the wire's 12 fraction digits, and the same value at any scale. */
    private static void assertDecimal(JsonNode line, String field, BigDecimal expected) {
        JsonNode node = line.path(field);
        String what = line.path("price_id").asText() + "." + field;
        if (expected == null) {
            assertThat(node.isNull()).as("%s is null (got %s)", what, node).isTrue();
            return;
        }
        assertThat(node.isTextual()).as("%s is a JSON string (got %s)", what, node).isTrue();
        BigDecimal decoded = new BigDecimal(node.asText());
        assertThat(node.asText()).as(what).isEqualTo(expected.setScale(SCALE).toPlainString());
        assertThat(decoded).as(what).isEqualByComparingTo(expected);
        assertThat(decoded.stripTrailingZeros().toPlainString()).as(what).isEqualTo(expected.stripTrailingZeros().toPlainString());
    }

    private static void assertNullableText(JsonNode line, String field, String expected) {
        JsonNode node = line.path(field);
        if (expected == null) {
            assertThat(node.isNull()).as("%s is null (got %s)", field, node).isTrue();
        } else {
            assertThat(node.isTextual()).as("%s is a JSON string (got %s)", field, node).isTrue();
            assertThat(node.asText()).as(field).isEqualTo(expected);
        }
    }

    private static BigDecimal pct(BigDecimal oldPrice, BigDecimal newPrice) {
        return newPrice.subtract(oldPrice).multiply(BigDecimal.valueOf(100)).divide(oldPrice, SCALE, RoundingMode.HALF_EVEN);
    }

    private static PriceChanged event(String csp, String priceId, ChangeType type, BigDecimal oldPrice, BigDecimal newPrice,
                                      BigDecimal changePct, String currency, String unit, String purchaseOption, String term,
                                      long committedAtMillis, long lsn, Long txId) {
        return PriceChanged.newBuilder()
                .setCsp(csp).setPriceId(priceId).setSkuId("sku-" + priceId).setChangeType(type)
                .setOldPrice(oldPrice).setNewPrice(newPrice).setChangePct(changePct)
                .setCurrency(currency).setUnit(unit).setRegion("region-" + csp).setService("service-" + csp)
                .setPurchaseOption(purchaseOption).setTerm(term)
                .setCommittedAt(Instant.ofEpochMilli(committedAtMillis)).setSourceLsn(lsn).setSourceTxId(txId)
                .build();
    }

    private void produce(List<PriceChanged> events) throws Exception {
        try (KafkaProducer<PriceKey, PriceChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                PriceSerdes.priceKey(registry).serializer(), PriceSerdes.priceChanged(registry).serializer())) {
            for (PriceChanged event : events) {
                PriceKey key = new PriceKey(event.getCsp(), event.getPriceId());
                producer.send(new ProducerRecord<>(topic, key, event)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Result decodeWithNode(int count) throws Exception {
        return run(List.of("node", "decode-changes.js",
                "--bootstrap", stack.bootstrapServers(),
                "--registry", stack.schemaRegistryUrl(),
                "--topic", topic,
                "--count", Integer.toString(count),
                "--timeout-ms", Long.toString(SCRIPT_TIMEOUT.minusSeconds(15).toMillis())), SCRIPT_TIMEOUT);
    }

    private static List<JsonNode> parseLines(String stdout) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static void execute(Connection sql, String statement, int expectedRows) throws SQLException {
        try (PreparedStatement prepared = sql.prepareStatement(statement)) {
            assertThat(prepared.executeUpdate()).as(statement).isEqualTo(expectedRows);
        }
    }

    /** {@code clients/node} of the repository: Maven runs this test in {@code connect/}, an IDE may run it in the root. */
    private static Path locateNodeProject() {
        Path workingDir = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(workingDir.resolve("../clients/node"), workingDir.resolve("clients/node"))) {
            if (Files.isRegularFile(candidate.resolve("decode-changes.js"))) {
                return candidate.normalize();
            }
        }
        return fail("clients/node/decode-changes.js not found from the working directory %s", workingDir);
    }

    private static void requireOnPath(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("'%s --version' did not succeed: %s is a test prerequisite of the connect module (NodeClientIT)", tool, tool);
            }
        } catch (IOException e) {
            fail("%s is not on the PATH: Node.js 18+ with npm is a test prerequisite of the connect module (NodeClientIT): %s",
                    tool, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for %s", tool);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the Node project; output goes to files so a chatty process never blocks on a full pipe. */
    private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-client-it-", ".out");
        Path err = Files.createTempFile("node-client-it-", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(nodeProject.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("%s did not finish within %s; stderr:\n%s", command, timeout, Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
