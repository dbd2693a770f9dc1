package io.pricestream.streams.change;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;

/** The state store's own formats round-trip, and the key format sorts one CSP's keys together. */
class PriceStateSerdeTest {

    private final PriceStateSerde serde = new PriceStateSerde();

    @Test
    void shouldRoundTripStateWithTheEmittedPrice() {
        SkuPrice price = awsStorage("A.B.C", "0.080000000001", "run-1", at(1)).setServiceName(null)
                .setAttributes(Map.of("serviceId", "AmazonEC2-id")).build();
        PriceState state = PriceState.emitted(price, PriceFingerprint.of(price)).seenAgain("run-2", at(5));

        PriceState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read).usingRecursiveComparison().isEqualTo(state);
        assertThat(read.lastSeenRun()).isEqualTo("run-2");
        assertThat(read.lastObservedAt()).isEqualTo(at(5).toEpochMilli());
        assertThat(read.serviceName()).isNull();
        assertThat(read.serviceId()).isEqualTo("AmazonEC2-id");
        // the decimal(38,12) round trip keeps values, not scales: compare content
        assertThat(PriceFingerprint.of(read.lastEmittedPrice())).isEqualTo(PriceFingerprint.of(price));
        assertThat(read.lastEmittedPrice().getAttributes()).isEqualTo(price.getAttributes());
        assertThat(read.lastEmittedPrice().getPrice()).isEqualByComparingTo("0.080000000001");
    }

    @Test
    void shouldKeepEarlierBytesIntactWhenTheThreadsEncoderIsReusedForALargerState() {
        SkuPrice small = awsStorage("A.B.C", "0.08", "run-1", at(1)).build();
        Map<String, String> manyAttributes = new java.util.TreeMap<>();
        for (int i = 0; i < 200; i++) {
            manyAttributes.put("attribute" + i, "value of attribute " + i);
        }
        SkuPrice large = awsStorage("D.E.F", "0.09", "run-1", at(2)).setAttributes(manyAttributes).build();
        PriceState first = PriceState.emitted(small, PriceFingerprint.of(small));

        byte[] firstBytes = serde.serializer().serialize("t", first);
        byte[] firstCopy = firstBytes.clone();
        PriceState second = PriceState.emitted(large, PriceFingerprint.of(large));
        byte[] secondBytes = serde.serializer().serialize("t", second);

        assertThat(firstBytes).isEqualTo(firstCopy);
        assertThat(secondBytes.length).isGreaterThan(4096);
        assertThat(serde.deserializer().deserialize("t", firstBytes)).usingRecursiveComparison().isEqualTo(first);
        assertThat(serde.deserializer().deserialize("t", secondBytes)).usingRecursiveComparison().isEqualTo(second);
        assertThat(serde.deserializer().deserialize("t", secondBytes).lastEmittedPrice().getAttributes()).isEqualTo(manyAttributes);
    }

    @Test
    void shouldEncodeCleanlyAfterAWriteFailedHalfwayOnTheSameThread() {
        SkuPrice broken = awsStorage("A.B.C", "0.08", "run-1", at(1)).build();
        broken.setRunId(null); // written after most fields: the failure leaves bytes in the encoder's buffer
        SkuPrice good = awsStorage("D.E.F", "0.09", "run-1", at(2)).build();
        byte[] expected = SkuPriceBinary.encode(good);

        assertThatThrownBy(() -> SkuPriceBinary.encode(broken)).isInstanceOf(RuntimeException.class);

        assertThat(SkuPriceBinary.encode(good)).isEqualTo(expected);
        assertThat(PriceFingerprint.of(SkuPriceBinary.decode(SkuPriceBinary.encode(good)))).isEqualTo(PriceFingerprint.of(good));
    }

    @Test
    void shouldRefuseUnknownFormat() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {4, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 2");
    }

    @Test
    void shouldPrefixKeysWithTheirCsp() {
        PriceKeyStoreSerde keys = new PriceKeyStoreSerde();
        byte[] bytes = keys.serializer().serialize("t", new PriceKey("aws", "X/Y/0"));

        assertThat(keys.deserializer().deserialize("t", bytes)).isEqualTo(new PriceKey("aws", "X/Y/0"));
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(PriceKeyStoreSerde.cspPrefix().serialize("t", "aws"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
