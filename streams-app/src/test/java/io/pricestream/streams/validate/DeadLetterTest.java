package io.pricestream.streams.validate;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pricestream.schemas.DlqHeaders;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.TestPrices;
import io.pricestream.streams.TopologyHarness;
import io.pricestream.streams.rules.RulesFile;

/** Undecodable and invalid raw records go to the DLQ with their original bytes and the error headers. */
class DeadLetterTest {

    private static final String TOPIC = "prices.raw.aws";
    private static final String ID = "AAAAAAAAAAAAAAAA.JRTCKXETXF.6YS6EN2CT7";

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
    void shouldDeadLetterUndecodableValueWithOriginalBytesAndHeaders() {
        byte[] keyBytes = harness.keyBytes(TOPIC, new PriceKey("aws", ID));
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        RecordHeaders original = new RecordHeaders();
        original.add("producer-header", "kept".getBytes(StandardCharsets.UTF_8));
        harness.rawBytes(TOPIC).pipeInput(new TestRecord<>(keyBytes, garbage, original));
        harness.send(awsStorage(ID, "0.08", "run-1", at(1)).build()); // offset 1: the app keeps going

        List<TestRecord<byte[], byte[]>> dlq = harness.dlqRecords();
        assertThat(dlq).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(keyBytes);
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_value");
            assertThat(header(record, DlqHeaders.ERROR)).contains("magic").containsIgnoringCase("wire");
            assertThat(header(record, DlqHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(record, DlqHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(record, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(header(record, "producer-header")).isEqualTo("kept");
        });
        assertThat(harness.skuOutput()).hasSize(1);
        assertThat(harness.metrics.rejectedCount(RejectReason.UNDECODABLE_VALUE)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterUndecodableKey() {
        byte[] value = harness.valueBytes(TOPIC, awsStorage(ID, "0.08", "run-1", at(1)).build());
        byte[] badKey = {0, 0, 0, 0x7f, 0x7f, 1};
        harness.rawBytes(TOPIC).pipeInput(badKey, value);

        assertThat(harness.dlqRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(badKey);
            assertThat(record.value()).isEqualTo(value);
            assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("undecodable_key");
        });
        assertThat(harness.skuOutput()).isEmpty();
    }

    @Test
    void shouldDeadLetterTombstone() {
        harness.rawBytes(TOPIC).pipeInput(harness.keyBytes(TOPIC, new PriceKey("aws", ID)), (byte[]) null);

        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("empty_value"));
    }

    static Stream<Arguments> invalidPrices() {
        return Stream.of(
                invalid(RejectReason.NEGATIVE_PRICE, "-0.01", b -> b, "negative"),
                invalid(RejectReason.MISSING_CURRENCY, "0.08", b -> b.setCurrency(""), "currency"),
                invalid(RejectReason.UNKNOWN_UNIT, "0.08", b -> b.setUnit("unknown").setUnitPublished("Widgets"), "Widgets"),
                invalid(RejectReason.INVALID_TIER, "0.08", b -> b.setTierStart(new BigDecimal("100")).setTierEnd(new BigDecimal("10")),
                        "tier_start 100"),
                invalid(RejectReason.INVALID_UNIT_MULTIPLIER, "0.08", b -> b.setUnitMultiplier(BigDecimal.ZERO), "unit_multiplier"),
                invalid(RejectReason.INVALID_UNIT_MULTIPLIER, "0.08", b -> b.setUnitMultiplier(new BigDecimal("-1")), "unit_multiplier"),
                invalid(RejectReason.ABSURD_PRICE, "1000.01", b -> b, "streams.price.max"),
                invalid(RejectReason.KEY_MISMATCH, "0.08", b -> b.setPriceId("other"), "does not match"),
                invalid(RejectReason.INVALID_STATUS, "0.08", b -> b.setStatus(PriceStatus.RETIRED), "ACTIVE"));
    }

    private static Arguments invalid(RejectReason reason, String price, UnaryOperator<SkuPrice.Builder> change, String messagePart) {
        return Arguments.of(reason, price, change, messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPrices")
    void shouldDeadLetterInvalidPriceWithItsReason(RejectReason reason, String price, UnaryOperator<SkuPrice.Builder> change,
                                                   String messagePart) {
        SkuPrice invalid = change.apply(awsStorage(ID, price, "run-1", at(1))).build();
        PriceKey key = new PriceKey("aws", ID);
        harness.send(key, invalid);

        assertThat(harness.dlqRecords()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(harness.keyBytes(TOPIC, key));
            assertThat(record.value()).isEqualTo(harness.valueBytes(TOPIC, invalid));
            assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo(reason.tag());
            assertThat(header(record, DlqHeaders.ERROR)).contains(messagePart);
            assertThat(header(record, DlqHeaders.SOURCE_TOPIC)).isEqualTo(TOPIC);
            assertThat(header(record, DlqHeaders.SOURCE_OFFSET)).isEqualTo("0");
        });
        assertThat(harness.skuOutput()).isEmpty();
        assertThat(harness.metrics.rejectedCount(reason)).isEqualTo(1);
    }

    @Test
    void shouldAcceptPriceAtTheMaximumAndZeroPrices() {
        harness.send(awsStorage(ID, "1000", "run-1", at(1)).build());
        harness.send(awsStorage("ZERO.JRTCKXETXF.6YS6EN2CT7", "0", "run-1", at(1)).build());

        assertThat(harness.dlqRecords()).isEmpty();
        assertThat(harness.skuOutput()).hasSize(2);
    }

    @Test
    void shouldDeadLetterMarkerOfAnotherCsp() {
        harness.send(new PriceKey("aws", "~run-marker"), TestPrices.okMarker("gcp", "run-1", at(0), at(1)));

        assertThat(harness.dlqRecords()).singleElement()
                .satisfies(record -> assertThat(header(record, DlqHeaders.ERROR_CLASS)).isEqualTo("invalid_marker"));
        assertThat(harness.skuOutput()).isEmpty();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
