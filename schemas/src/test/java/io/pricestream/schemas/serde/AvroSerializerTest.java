package io.pricestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;

class AvroSerializerTest {

    @Test
    void shouldWriteMagicByteBigEndianIdAndAvroBodyByteForByte() {
        // an id whose four bytes all differ, so a little-endian or shifted id cannot pass
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(0x01020304);
        AvroSerializer<PriceKey> serializer = new AvroSerializer<>(PriceKey.getClassSchema(), registry, true, true);

        byte[] bytes = serializer.serialize("prices.sku", new PriceKey("aws", "p1"));

        // Avro binary: each string is its zig-zag varint length (3 -> 0x06, 2 -> 0x04) then UTF-8 bytes
        assertThat(bytes).containsExactly(
                0x00, 0x01, 0x02, 0x03, 0x04,
                0x06, 'a', 'w', 's',
                0x04, 'p', '1');
        assertThat(registry.lookupId("prices.sku-key", PriceKey.getClassSchema())).isEqualTo(0x01020304);
    }

    @Test
    void shouldUseTheValueSubjectWhenNotAKey() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<PriceKey> serializer = new AvroSerializer<>(PriceKey.getClassSchema(), registry, false, true);

        serializer.serialize("some.topic", new PriceKey("gcp", "x"));

        assertThat(registry.subjects()).containsExactly("some.topic-value");
    }

    @Test
    void shouldOnlyLookUpWhenAutoRegisterIsOff() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(7);
        AvroSerializer<PriceKey> serializer = new AvroSerializer<>(PriceKey.getClassSchema(), registry, true, true);
        serializer.configure(Map.of("auto.register.schemas", "false"), true);

        assertThatThrownBy(() -> serializer.serialize("prices.sku", SampleRecords.priceKey()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("auto.register.schemas=false")
                .hasMessageContaining("'prices.sku-key'");
        assertThat(registry.subjects()).isEmpty();

        registry.register("prices.sku-key", PriceKey.getClassSchema());
        byte[] bytes = serializer.serialize("prices.sku", SampleRecords.priceKey());
        assertThat(WireFormat.schemaId(bytes, "prices.sku")).isEqualTo(7);
    }

    @Test
    void shouldWidenAShorterScaleExactly() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        Serde<SkuPrice> serde = PriceSerdes.skuPrice(registry);

        byte[] bytes = serde.serializer().serialize("prices.sku", SampleRecords.skuPrice(new BigDecimal("0.5"), null));

        assertThat(serde.deserializer().deserialize("prices.sku", bytes).getPrice()).isEqualTo(new BigDecimal("0.500000000000"));
    }

    @Test
    void shouldRefuseToRoundADecimalWithMoreThanTwelveFractionDigits() {
        AvroSerializer<SkuPrice> serializer = new AvroSerializer<>(SkuPrice.getClassSchema(), new InMemorySchemaRegistryClient(), false, true);
        SkuPrice unscaled = SampleRecords.skuPrice(new BigDecimal("0.0000000000001"), null);

        assertThatThrownBy(() -> serializer.serialize("prices.sku", unscaled))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'prices.sku'")
                .hasMessageContaining("io.pricestream.schemas.avro.SkuPrice")
                .hasMessageContaining("scale");
    }

    @Test
    void shouldWriteTheSameBytesAsAFreshSerializerAfterARefusedRecord() {
        // the thread's encoder and buffer are reused: what a failed write left in them must not leak into the next record
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<SkuPrice> reused = new AvroSerializer<>(SkuPrice.getClassSchema(), registry, false, true);
        SkuPrice good = SampleRecords.skuPrice(new BigDecimal("0.25"), null);
        byte[] before = reused.serialize("prices.sku", good);

        assertThatThrownBy(() -> reused.serialize("prices.sku", SampleRecords.skuPrice(new BigDecimal("0.0000000000001"), null)))
                .isInstanceOf(SerializationException.class);
        byte[] after = reused.serialize("prices.sku", good);
        byte[] fresh = new AvroSerializer<SkuPrice>(SkuPrice.getClassSchema(), registry, false, true).serialize("prices.sku", good);

        assertThat(after).isEqualTo(before).isEqualTo(fresh);
        assertThat(PriceSerdes.skuPrice(registry).deserializer().deserialize("prices.sku", after).getPrice()).isEqualByComparingTo("0.25");
    }

    @Test
    void shouldWriteTheSameSizedBlocksAsAFreshSerializerAfterARecordRefusedInsideItsMap() {
        // a blocking encoder that failed inside the attributes map holds the map's open block: it must not leak
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<SkuPrice> reused = new AvroSerializer<>(SkuPrice.getClassSchema(), registry, false, true, true);
        SkuPrice good = SampleRecords.skuPrice(new BigDecimal("0.25"), null);
        byte[] before = reused.serialize("prices.sku", good);
        SkuPrice nullAttribute = SampleRecords.skuPrice(new BigDecimal("0.25"), null);
        Map<String, String> attributes = new HashMap<>(nullAttribute.getAttributes());
        attributes.put("zone", null);
        nullAttribute.setAttributes(attributes);

        assertThatThrownBy(() -> reused.serialize("prices.sku", nullAttribute)).isInstanceOf(SerializationException.class);
        byte[] after = reused.serialize("prices.sku", good);
        byte[] fresh = new AvroSerializer<SkuPrice>(SkuPrice.getClassSchema(), registry, false, true, true).serialize("prices.sku", good);

        assertThat(after).isEqualTo(before).isEqualTo(fresh);
        SkuPrice back = PriceSerdes.skuPrice(registry).deserializer().deserialize("prices.sku", after);
        assertThat(back.getAttributes()).isEqualTo(good.getAttributes());
        assertThat(back.getPrice()).isEqualByComparingTo("0.25");
    }

    @Test
    void shouldNameTheSubjectWhenTheRegistryRefusesTheSchema() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        // a different record already owns the subject; PriceKey's required fields break BACKWARD compatibility
        registry.register("prices.sku-key", SkuPrice.getClassSchema());
        AvroSerializer<PriceKey> serializer = new AvroSerializer<>(PriceKey.getClassSchema(), registry, true, true);

        assertThatThrownBy(() -> serializer.serialize("prices.sku", SampleRecords.priceKey()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'prices.sku-key'")
                .hasMessageContaining("incompatible");
    }
}
