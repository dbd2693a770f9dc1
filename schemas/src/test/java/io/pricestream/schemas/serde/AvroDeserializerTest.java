package io.pricestream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryException;

class AvroDeserializerTest {

    private static final String TOPIC = "prices.sku";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroDeserializer<PriceKey> keys = new AvroDeserializer<>(PriceKey.getClassSchema(), registry);

    @Test
    void shouldReadRecordsWrittenWithAnOlderSchemaThatLacksDefaultedFields() throws IOException {
        Schema v1 = withoutFields(SkuPrice.getClassSchema(), Set.of("status", "source_version"));
        registry.register("prices.sku-value", v1);
        int v2Id = registry.register("prices.sku-value", SkuPrice.getClassSchema()); // BACKWARD accepts v2
        SkuPrice current = SampleRecords.skuPrice();
        int v1Id = registry.lookupId("prices.sku-value", v1);
        byte[] oldBytes = wireFormat(v1Id, v1, asGeneric(current, v1));

        SkuPrice read = new AvroDeserializer<SkuPrice>(SkuPrice.getClassSchema(), registry).deserialize(TOPIC, oldBytes);

        assertThat(v1Id).isNotEqualTo(v2Id);
        assertThat(read.getStatus()).isEqualTo(PriceStatus.ACTIVE);
        assertThat(read.getSourceVersion()).isNull();
        assertThat(read.getPrice()).isEqualTo(current.getPrice());
        assertThat(read.getAttributes()).isEqualTo(current.getAttributes());
        assertThat(read.getObservedAt()).isEqualTo(current.getObservedAt());
    }

    @Test
    void shouldNameTheMagicByteWhenTheRecordIsNotInTheWireFormat() {
        byte[] json = "{\"csp\":\"aws\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> keys.deserialize(TOPIC, json))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.schemaId()).isEmpty())
                .hasMessageContaining("magic byte 0x7b, expected 0x00")
                .hasMessageContaining("'prices.sku'");
    }

    @Test
    void shouldNameTheLengthWhenTheRecordIsTooShortForAHeader() {
        assertThatThrownBy(() -> keys.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("3 bytes");
    }

    @Test
    void shouldRejectAnEmptyRecord() {
        assertThatThrownBy(() -> keys.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void shouldKeepTheIdWhenTheRegistryDoesNotKnowIt() {
        byte[] bytes = {0, 0, 0, 0x03, (byte) 0xE7, 0x06, 'a', 'w', 's', 0x02, 'x'};

        assertThatThrownBy(() -> keys.deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.schemaId()).hasValue(999);
                    assertThat(e.getCause()).isInstanceOfSatisfying(SchemaRegistryException.class,
                            cause -> assertThat(cause.errorCode()).isEqualTo(40403));
                })
                .hasMessageContaining("schema id 999")
                .hasMessageContaining("Schema 999 not found");
    }

    @Test
    void shouldKeepTheIdWhenTheBodyIsTruncated() {
        int id = registry.register("prices.sku-key", PriceKey.getClassSchema());
        byte[] whole = PriceSerdes.priceKey(registry).serializer().serialize(TOPIC, SampleRecords.priceKey());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 4);

        assertThatThrownBy(() -> keys.deserialize(TOPIC, truncated))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.schemaId()).hasValue(id))
                .hasMessageContaining("cannot decode the Avro body")
                .hasMessageContaining("writer schema id " + id);
    }

    @Test
    void shouldRejectANegativeStringLength() {
        int id = registry.register("prices.sku-key", PriceKey.getClassSchema());
        byte[] bytes = {0, 0, 0, 0, (byte) id, 0x01, 'a'}; // zig-zag 0x01 = -1

        assertThatThrownBy(() -> keys.deserialize(TOPIC, bytes))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot decode the Avro body");
    }

    @Test
    void shouldRejectBytesLeftOverAfterTheRecord() {
        byte[] whole = PriceSerdes.priceKey(registry).serializer().serialize(TOPIC, SampleRecords.priceKey());
        byte[] padded = Arrays.copyOf(whole, whole.length + 2);

        assertThatThrownBy(() -> keys.deserialize(TOPIC, padded))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void shouldRejectAWriterSchemaThatCannotResolveToTheReader() {
        byte[] marker = new AvroSerializer<RunMarker>(RunMarker.getClassSchema(), registry, false, true)
                .serialize("prices.raw.aws", SampleRecords.runMarker());

        assertThatThrownBy(() -> keys.deserialize("prices.raw.aws", marker))
                .isInstanceOfSatisfying(WireFormatException.class, e -> assertThat(e.schemaId()).isPresent())
                .hasMessageContaining("as io.pricestream.schemas.avro.PriceKey");
    }

    /** The same schema with some fields removed: an older version of it. */
    private static Schema withoutFields(Schema schema, Set<String> removed) {
        List<Schema.Field> kept = schema.getFields().stream()
                .filter(field -> !removed.contains(field.name()))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }

    private static GenericRecord asGeneric(SkuPrice price, Schema schema) {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.name(), price.get(field.name()));
        }
        return record;
    }

    private static byte[] wireFormat(int id, Schema schema, GenericRecord record) throws IOException {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(id, header);
        out.write(header);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
