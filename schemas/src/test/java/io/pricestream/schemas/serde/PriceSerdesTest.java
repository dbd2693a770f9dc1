package io.pricestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;

class PriceSerdesTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldRoundTripPriceKeyUnderTheKeySubject() {
        PriceKey key = SampleRecords.priceKey();

        PriceKey back = roundTrip(PriceSerdes.priceKey(registry), Topics.SKU, key);

        assertThat(back).isEqualTo(key);
        assertThat(registry.subjects()).containsExactly("prices.sku-key");
        assertThat(registry.latest("prices.sku-key").schema()).isEqualTo(PriceKey.getClassSchema());
    }

    @Test
    void shouldRoundTripSkuPriceWithWidestDecimalAndNullTierEnd() {
        SkuPrice price = SampleRecords.skuPrice();

        SkuPrice back = roundTrip(PriceSerdes.skuPrice(registry), Topics.SKU, price);

        assertThat(back).isEqualTo(price);
        assertThat(back.getPrice()).isEqualByComparingTo("98765432109876543210987654.123456789012");
        assertThat(back.getPrice().scale()).isEqualTo(12);
        assertThat(back.getTierEnd()).isNull();
        assertThat(registry.subjects()).containsExactly("prices.sku-value");
    }

    @Test
    void shouldRoundTripSkuPriceWithBoundedTier() {
        SkuPrice price = SampleRecords.skuPrice(new BigDecimal("0.000000000001"), new BigDecimal("51200.000000000000"));

        SkuPrice back = roundTrip(PriceSerdes.skuPrice(registry), Topics.SKU, price);

        assertThat(back.getTierEnd()).isEqualTo(new BigDecimal("51200.000000000000"));
        assertThat(back.getPrice()).isEqualTo(new BigDecimal("0.000000000001"));
    }

    @Test
    void shouldRoundTripBothBranchesOfTheRawUnionUnderOneSubject() {
        Serde<SpecificRecord> serde = PriceSerdes.rawValue(registry);
        String topic = Topics.raw("aws");

        SpecificRecord price = roundTrip(serde, topic, SampleRecords.skuPrice());
        SpecificRecord marker = roundTrip(serde, topic, SampleRecords.runMarker());

        assertThat(price).isInstanceOf(SkuPrice.class).isEqualTo(SampleRecords.skuPrice());
        assertThat(marker).isInstanceOf(RunMarker.class).isEqualTo(SampleRecords.runMarker());
        assertThat(registry.versions("prices.raw.aws-value")).containsExactly(1);
        assertThat(registry.latest("prices.raw.aws-value").schema()).isEqualTo(RawRecords.VALUE_SCHEMA);
    }

    @Test
    void shouldWriteARawPricesAttributesAsOneBlockWithItsSizeThatAnyAvroReaderReads() throws IOException {
        SkuPrice price = SampleRecords.skuPrice();
        byte[] record = PriceSerdes.rawValue(registry).serializer().serialize(Topics.raw("aws"), price);
        byte[] body = Arrays.copyOfRange(record, WireFormat.HEADER_SIZE, record.length);

        // Avro's own generic reader, as any Confluent-compatible consumer would read it
        GenericRecord generic = (GenericRecord) new GenericDatumReader<>(RawRecords.VALUE_SCHEMA)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));
        Map<String, String> attributes = new HashMap<>();
        ((Map<?, ?>) generic.get("attributes")).forEach((key, value) -> attributes.put(key.toString(), value.toString()));
        assertThat(attributes).isEqualTo(price.getAttributes());
        assertThat(generic.get("price_id").toString()).isEqualTo(price.getPriceId());
        // the map is one block of -n entries and its size in bytes: skipMap steps over it without a count to walk
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
        decoder.readIndex();
        for (Schema.Field field : SkuPrice.getClassSchema().getFields()) {
            if (field.name().equals("attributes")) {
                assertThat(decoder.skipMap()).isZero();
            } else {
                GenericDatumReader.skip(field.schema(), decoder);
            }
        }
        assertThat(decoder.isEnd()).isTrue();
    }

    @Test
    void shouldRoundTripScrapeRun() {
        ScrapeRun run = SampleRecords.scrapeRun();

        assertThat(roundTrip(PriceSerdes.scrapeRun(registry), Topics.RUNS, run)).isEqualTo(run);
    }

    @Test
    void shouldRoundTripPriceChangedWithNullOptionals() {
        PriceChanged change = SampleRecords.priceChanged();

        PriceChanged back = roundTrip(PriceSerdes.priceChanged(registry), Topics.CHANGES, change);

        assertThat(back).isEqualTo(change);
        assertThat(back.getChangePct()).isEqualTo(new BigDecimal("-12.345678901234"));
        assertThat(back.getSourceTxId()).isNull();
    }

    @Test
    void shouldGiveTheSameIdWhenTwoTopicsShareASchema() {
        byte[] first = PriceSerdes.skuPrice(registry).serializer().serialize(Topics.SKU, SampleRecords.skuPrice());
        byte[] second = PriceSerdes.skuPrice(registry).serializer().serialize("prices.sku.copy", SampleRecords.skuPrice());

        assertThat(WireFormat.schemaId(second, "prices.sku.copy")).isEqualTo(WireFormat.schemaId(first, Topics.SKU));
        assertThat(registry.subjects()).containsExactly("prices.sku-value", "prices.sku.copy-value");
    }

    @Test
    void shouldPassTombstonesThroughAsNull() {
        Serde<SkuPrice> serde = PriceSerdes.skuPrice(registry);

        assertThat(serde.serializer().serialize(Topics.SKU, null)).isNull();
        assertThat(serde.deserializer().deserialize(Topics.SKU, null)).isNull();
    }

    @Test
    void shouldNameTheMissingUrlWhenConfiguredWithoutOne() {
        assertThatThrownBy(() -> PriceSerdes.skuPrice(Map.of("bootstrap.servers", "localhost:9092")))
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRefuseUseBeforeConfigureWhenBuiltEmpty() {
        assertThatThrownBy(() -> new PriceSerdes.SkuPriceSerde().serializer())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }

    private static <T> T roundTrip(Serde<T> serde, String topic, T record) {
        byte[] bytes = serde.serializer().serialize(topic, record);
        return serde.deserializer().deserialize(topic, bytes);
    }
}
