package io.pricestream.streams.rules;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.schemas.DlqHeaders;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
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

    /** An AWS NAT gateway price: no bundled rule keeps it. */
    private static SkuPrice natGateway(String priceId, String price) {
        return awsStorage(priceId, price, "run-1", at(1)).setProductFamily("NAT Gateway").setAttributes(Map.of()).build();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
