package io.pricestream.streams.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The store values written with the thread's reused encoder are exactly the bytes a fresh encoder writes, whatever
 * was encoded before them on the same thread (small after large, large after small), and read back to the same state.
 */
class StoreValueEncodingProperties {

    @Property(tries = 150)
    void shouldWriteTheBytesOfAFreshEncoderWhenTheThreadsEncoderIsReused(@ForAll("sequences") List<PriceState> states) throws IOException {
        for (PriceState state : states) {
            SkuPrice price = state.lastEmittedPrice();
            assertThat(SkuPriceBinary.encode(price)).isEqualTo(freshPriceBytes(price));

            byte[] stored = PriceStateSerde.encode(state);

            assertThat(stored).isEqualTo(freshStateBytes(state));
            assertThat(PriceStateSerde.decode(stored)).usingRecursiveComparison().isEqualTo(state);
        }
    }

    @Provide
    Arbitrary<List<PriceState>> sequences() {
        return states().list().ofMinSize(1).ofMaxSize(8);
    }

    private static Arbitrary<PriceState> states() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> longText = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(500).ofMaxLength(3000);
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(text, Arbitraries.oneOf(text, longText)).ofMaxSize(40);
        Arbitrary<BigDecimal> decimal = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000000000")).ofScale(12);
        Arbitrary<SkuPrice> prices = Combinators.combine(text, text, attributes, decimal, decimal,
                Arbitraries.of(PurchaseOption.class), Arbitraries.longs().between(0, 4_102_444_800_000L), text.injectNull(0.3))
                .as((id, region, attrs, amount, tierStart, option, observedAt, term) -> SkuPrice.newBuilder()
                        .setCsp("aws").setPriceId("P" + id).setSkuId("S" + id).setService("AmazonEC2").setServiceName(term)
                        .setProductFamily("Storage").setRegion(region).setSkuName(term)
                        .setUnit("gb_month").setUnitPublished("GB-Mo").setUnitMultiplier(BigDecimal.ONE)
                        .setTierStart(tierStart).setTierEnd(term == null ? null : tierStart.add(BigDecimal.TEN))
                        .setPrice(amount).setCurrency("USD").setPurchaseOption(option).setTerm(term)
                        .setEffectiveFrom(term == null ? null : Instant.ofEpochMilli(observedAt / 2))
                        .setAttributes(attrs).setObservedAt(Instant.ofEpochMilli(observedAt)).setRunId("run-" + region)
                        .setSourceVersion(term).setStatus(PriceStatus.ACTIVE).build());
        return Combinators.combine(prices, Arbitraries.of(true, false), text)
                .as((price, seenAgain, run) -> {
                    PriceState emitted = PriceState.emitted(price, PriceFingerprint.of(price));
                    return seenAgain ? emitted.seenAgain("again-" + run, price.getObservedAt().plusSeconds(60)) : emitted;
                });
    }

    /** The price with a new writer and encoder, as the store wrote it before encoders were reused. */
    private static byte[] freshPriceBytes(SkuPrice price) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(SkuPrice.class).write(price, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The state format written field by field with a new encoder. */
    private static byte[] freshStateBytes(PriceState state) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeInt(1);
        encoder.writeString(state.fingerprint());
        encoder.writeLong(state.lastObservedAt());
        encoder.writeString(state.lastSeenRun());
        encoder.writeString(state.status().name());
        encoder.writeString(state.service());
        writeNullable(encoder, state.serviceName());
        writeNullable(encoder, state.serviceId());
        encoder.writeString(state.region());
        encoder.writeBytes(state.lastEmitted());
        encoder.flush();
        return out.toByteArray();
    }

    private static void writeNullable(BinaryEncoder encoder, String value) throws IOException {
        encoder.writeBoolean(value != null);
        if (value != null) {
            encoder.writeString(value);
        }
    }
}
