package io.pricestream.streams.rules;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.schemas.DlqHeaders;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.serde.WireFormat;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.TopologyHarness;
import io.pricestream.streams.validate.RejectReason;

/**
 * The pre-filter drops, unvalidated, only prices it has read in full as prices the rules reject; everything
 * it cannot read still reaches validation and the DLQ.
 */
class RelevancePrefilterTest {

    private static final String TOPIC = "prices.raw.aws";

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void startDriver() {
        harness = new TopologyHarness(stateDir, RulesFile.bundledDefaults(), Map.of(StreamsAppConfig.PRICE_MAX, "1000"));
    }

    @AfterEach
    void closeDriver() {
        harness.close();
    }

    @Test
    void shouldDropAPriceTheRulesRejectWithoutValidatingIt() {
        harness.send(natGateway("N.A.T", "-0.01")); // negative, but no rule keeps a NAT gateway
        harness.send(awsStorage("K.E.P", "-0.01", "run-1", at(1)).build()); // negative and kept: validated

        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("negative_price"));
        assertThat(harness.metrics.filteredCount()).isEqualTo(1);
        assertThat(harness.skuOutput()).isEmpty();
    }

    @Test
    void shouldLetAKeptPriceThrough() {
        harness.send(natGateway("N.A.T", "0.045"));
        harness.send(awsStorage("K.E.P", "0.08", "run-1", at(1)).build());

        assertThat(harness.skuOutput()).singleElement().satisfies(price -> assertThat(price.getPriceId()).isEqualTo("K.E.P"));
        assertThat(harness.dlqRecords()).isEmpty();
    }

    @Test
    void shouldDeadLetterARejectedPriceWhoseKeyDoesNotDecode() {
        byte[] value = harness.valueBytes(TOPIC, natGateway("N.A.T", "0.045"));
        byte[] badKey = {0, 0, 0, 0x7f, 0x7f, 1};
        harness.rawBytes(TOPIC).pipeInput(badKey, value);

        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_key"));
        assertThat(harness.metrics.filteredCount()).isZero();
    }

    @Test
    void shouldDeadLetterATruncatedOrPaddedRejectedPrice() {
        SkuPrice price = natGateway("N.A.T", "0.045");
        byte[] key = harness.keyBytes(TOPIC, new PriceKey(price.getCsp(), price.getPriceId()));
        byte[] value = harness.valueBytes(TOPIC, price);
        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(key, Arrays.copyOf(value, value.length - 3), new RecordHeaders()));
        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(key, Arrays.copyOf(value, value.length + 2), new RecordHeaders()));

        assertThat(harness.dlqRecords()).hasSize(2)
                .allSatisfy(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_value"));
        assertThat(harness.metrics.rejectedCount(RejectReason.UNDECODABLE_VALUE)).isEqualTo(2);
        assertThat(harness.metrics.filteredCount()).isZero();
    }

    @Test
    void shouldValidateAPriceWhoseAttributesBlockDoesNotReadWhenARuleAsksForThem() {
        // an EC2 price in a kept region: the rules ask for its operating system, so its attributes block is read
        SkuPrice ec2 = RuleTestPrices.price("aws", "AmazonEC2", "Compute Instance", null, "eu-west-1", PurchaseOption.ON_DEMAND, "hours",
                Map.of("instanceFamily", "General purpose", "operatingSystem", "Linux", "tenancy", "Shared"));
        byte[] key = harness.keyBytes(TOPIC, new PriceKey(ec2.getCsp(), ec2.getPriceId()));
        byte[] value = harness.valueBytes(TOPIC, ec2);
        int map = Arrays.mismatch(value, harness.valueBytes(TOPIC, SkuPrice.newBuilder(ec2).setAttributes(Map.of()).build()));
        assertThat(value[map]).as("three entries in one block with its size").isEqualTo((byte) 5);
        value[map] = 7; // four entries claimed in the bytes of three

        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(key, value, new RecordHeaders()));

        assertThat(harness.metrics.filteredCount()).isZero();
        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_value"));
    }

    @Test
    void shouldDeadLetterARejectedPriceWhoseKeyIsTruncatedPaddedOrNegativelySized() {
        SkuPrice price = natGateway("N.A.T", "0.045");
        byte[] key = harness.keyBytes(TOPIC, new PriceKey(price.getCsp(), price.getPriceId()));
        byte[] value = harness.valueBytes(TOPIC, price);
        byte[] negative = key.clone();
        // the body starts with the CSP's length ("aws": zig-zag 6); zig-zag 1 is -1
        assertThat(negative[WireFormat.HEADER_SIZE]).isEqualTo((byte) 6);
        negative[WireFormat.HEADER_SIZE] = 1;
        for (byte[] bad : new byte[][] {Arrays.copyOf(key, key.length - 1), Arrays.copyOf(key, key.length + 1), negative}) {
            harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(bad, value, new RecordHeaders()));
        }
        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(key, value, new RecordHeaders()));

        assertThat(harness.dlqRecords()).hasSize(3)
                .allSatisfy(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_key"));
        assertThat(harness.metrics.filteredCount()).isEqualTo(1);
    }

    @Test
    void shouldJudgeAKeyOfAnotherWriterSchemaAsTheKeyDeserializerDoes() throws Exception {
        SkuPrice price = natGateway("N.A.T", "0.045");
        byte[] value = harness.valueBytes(TOPIC, price);
        // a newer writer with one more key field: PriceKey reads it and ignores the field
        Schema wider = SchemaBuilder.record("PriceKey").namespace("io.pricestream.schemas.avro").fields()
                .requiredString("csp").requiredString("price_id").requiredString("region").endRecord();
        // a writer without price_id, which has no default: PriceKey cannot read it
        Schema narrower = SchemaBuilder.record("PriceKey").namespace("io.pricestream.schemas.avro").fields()
                .requiredString("csp").endRecord();
        GenericRecord wide = new GenericData.Record(wider);
        wide.put("csp", "aws");
        wide.put("price_id", "N.A.T");
        wide.put("region", "eu-west-1");
        GenericRecord narrow = new GenericData.Record(narrower);
        narrow.put("csp", "aws");

        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(keyWith(wider, wide), value, new RecordHeaders()));
        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(keyWith(narrower, narrow), value, new RecordHeaders()));

        assertThat(harness.metrics.filteredCount()).isEqualTo(1);
        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_key"));
    }

    /** {@code key} in the wire format, under a schema id the registry gives {@code schema}. */
    private byte[] keyWith(Schema schema, GenericRecord key) throws IOException {
        int id = harness.registry.register(TOPIC + "-key-test-" + schema.getFields().size(), schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[WireFormat.HEADER_SIZE]);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(key, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(id, bytes);
        return bytes;
    }

    /** An AWS NAT gateway price: no bundled rule keeps it. */
    private static SkuPrice natGateway(String priceId, String price) {
        return awsStorage(priceId, price, "run-1", at(1)).setProductFamily("NAT Gateway").setAttributes(Map.of()).build();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
