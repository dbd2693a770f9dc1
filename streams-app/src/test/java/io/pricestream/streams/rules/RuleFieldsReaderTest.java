package io.pricestream.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.RawRecords;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.serde.ReusableEncoder;
import io.pricestream.streams.TestPrices;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The pre-filter's reader must make the rules decide exactly as on the fully decoded price, and must give up
 * (null) instead of guessing whenever it cannot read a body exactly.
 */
class RuleFieldsReaderTest {

    private static final RelevanceRules RULES = RulesFile.bundledDefaults();
    /** One reader for every try, as in a processor: what one record leaves behind must not leak into the next. */
    private static final RuleFieldsReader SHARED = RuleFieldsReader.forRules(RULES);
    private static final RuleIndex INDEX = new RuleIndex(RULES);

    @Property(tries = 2000)
    void shouldMakeTheRulesDecideAsOnTheFullyDecodedPrice(@ForAll("prices") SkuPrice price, @ForAll boolean sizedBlocks) {
        byte[] body = encode(price, sizedBlocks);

        RuleValues fields = SHARED.read(SkuPrice.getClassSchema(), body, 0, body.length);

        assertThat(fields).isNotNull();
        assertThat(INDEX.isRelevant(fields)).isEqualTo(RULES.isRelevant(price));
    }

    @Property(tries = 2000)
    void shouldReadEveryRuleFieldAsTheFullDecodeDoes(@ForAll("prices") SkuPrice price, @ForAll @StringLength(max = 12) String region,
                                                     @ForAll @StringLength(max = 12) String operatingSystem,
                                                     @ForAll boolean sizedBlocks) {
        // any text, not only the rules' words: the reader keeps the strings it met, and must never answer with a wrong one
        price.setRegion(region);
        price.getAttributes().put("operatingSystem", operatingSystem);
        byte[] body = encode(price, sizedBlocks);
        SkuPrice decoded = decode(body);

        RuleValues fields = SHARED.read(SkuPrice.getClassSchema(), body, 0, body.length);

        for (PriceField field : RULES.fieldsRead()) {
            assertThat(fields.value(field)).as(field.fileName()).isEqualTo(field.value(decoded));
        }
        assertThat(fields.serviceName()).isEqualTo(decoded.getServiceName());
        for (String key : RULES.attributesRead()) {
            assertThat(fields.attribute(key)).as(key).isEqualTo(decoded.getAttributes().get(key));
        }
    }

    @Test
    void shouldDecideBothWaysOnTheBundledRules() {
        RuleFieldsReader reader = RuleFieldsReader.forRules(RULES);
        byte[] kept = encode(ec2("Linux", "General purpose"));
        byte[] dropped = encode(ec2("Windows", "General purpose"));
        SkuPrice noTenancy = ec2("Linux", "General purpose");
        noTenancy.getAttributes().remove("tenancy");
        byte[] alsoDropped = encode(noTenancy);

        assertThat(INDEX.isRelevant(reader.read(SkuPrice.getClassSchema(), kept, 0, kept.length))).isTrue();
        assertThat(INDEX.isRelevant(reader.read(SkuPrice.getClassSchema(), dropped, 0, dropped.length))).isFalse();
        assertThat(INDEX.isRelevant(reader.read(SkuPrice.getClassSchema(), kept, 0, kept.length))).isTrue();
        // the sparse price is reused: this read must not see the tenancy the one before left behind
        assertThat(INDEX.isRelevant(reader.read(SkuPrice.getClassSchema(), alsoDropped, 0, alsoDropped.length))).isFalse();
    }

    @Test
    void shouldReadOnlyTheFieldsAndAttributesTheRulesTest() {
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.REGION), Set.of("operatingSystem"));
        byte[] body = encode(ec2("Linux", "General purpose"));

        RuleValues fields = reader.read(SkuPrice.getClassSchema(), body, 0, body.length);

        assertThat(fields.value(PriceField.CSP)).isEqualTo("aws");
        assertThat(fields.value(PriceField.REGION)).isEqualTo("eu-west-1");
        assertThat(fields.value(PriceField.SERVICE)).isNull();
        assertThat(fields.serviceName()).isNull();
        assertThat(fields.value(PriceField.UNIT)).isNull();
        assertThat(fields.attribute("operatingSystem")).isEqualTo("Linux");
        assertThat(fields.attribute("tenancy")).isNull();
    }

    @Test
    void shouldReadAPriceButNotARunMarkerOfTheRawTopicsUnion() {
        RuleFieldsReader reader = RuleFieldsReader.forRules(RULES);
        byte[] price = encode(RawRecords.VALUE_SCHEMA, ec2("Windows", "General purpose"));
        byte[] marker = encode(RawRecords.VALUE_SCHEMA, TestPrices.okMarker("aws", "run-1", Instant.EPOCH, Instant.EPOCH.plusSeconds(60)));

        assertThat(reader.read(RawRecords.VALUE_SCHEMA, price, 0, price.length).attribute("operatingSystem")).isEqualTo("Windows");
        assertThat(reader.read(RawRecords.VALUE_SCHEMA, marker, 0, marker.length)).isNull();
    }

    @Test
    void shouldGiveUpOnATruncatedOrPaddedBody() {
        RuleFieldsReader reader = RuleFieldsReader.forRules(RULES);
        for (boolean sizedBlocks : new boolean[] {false, true}) {
            byte[] body = encode(ec2("Windows", "General purpose"), sizedBlocks);

            for (int cut = 0; cut < body.length; cut++) {
                assertThat(reader.read(SkuPrice.getClassSchema(), body, 0, cut)).as("cut at %d of %d", cut, body.length).isNull();
            }
            byte[] padded = Arrays.copyOf(body, body.length + 1);
            assertThat(reader.read(SkuPrice.getClassSchema(), padded, 0, padded.length)).isNull();
            assertThat(reader.read(SkuPrice.getClassSchema(), body, 0, body.length)).isNotNull();
        }
    }

    @Test
    void shouldStepOverAnAttributesBlockWithItsSizeUntilARuleAsks() {
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.REGION), Set.of("operatingSystem"));
        byte[] sized = encode(ec2("Linux", "General purpose"), true);
        // where the map starts, the plain encoding has the count 6 (zig-zag 12), the sized one -6 (11) and a size
        int map = Arrays.mismatch(encode(ec2("Linux", "General purpose"), false), sized);
        assertThat(sized[map]).isEqualTo((byte) 11);

        RuleValues fields = reader.read(SkuPrice.getClassSchema(), sized, 0, sized.length);

        assertThat(fields.value(PriceField.REGION)).isEqualTo("eu-west-1");
        assertThat(fields.attribute("operatingSystem")).isEqualTo("Linux");
        assertThat(fields.attribute("tenancy")).isNull();
    }

    @Test
    void shouldSayWhenAnAttributesBlockWithItsSizeDoesNotReadAsItsEntries() {
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.REGION), Set.of("operatingSystem"));
        byte[] sized = encode(ec2("Linux", "General purpose"), true);
        int map = Arrays.mismatch(encode(ec2("Linux", "General purpose"), false), sized);
        // seven entries claimed in the six entries' bytes; five, and a sixth left over
        byte[] moreEntries = sized.clone();
        moreEntries[map] = 13;
        byte[] fewerEntries = sized.clone();
        fewerEntries[map] = 9;

        for (byte[] body : new byte[][] {moreEntries, fewerEntries}) {
            RuleValues fields = reader.read(SkuPrice.getClassSchema(), body, 0, body.length);

            // stepped over whole by its size: what comes before and after it still reads
            assertThat(fields).isNotNull();
            assertThat(fields.value(PriceField.REGION)).isEqualTo("eu-west-1");
            assertThatThrownBy(() -> fields.attribute("operatingSystem"))
                    .isInstanceOf(RuleFieldsReader.UnreadableBodyException.class)
                    .hasMessageStartingWith("the attributes do not read");
        }
        // the reader is not left broken for the next record
        assertThat(reader.read(SkuPrice.getClassSchema(), sized, 0, sized.length).attribute("operatingSystem")).isEqualTo("Linux");
    }

    @Test
    void shouldGiveUpOnAnAttributesBlockSizeBeyondTheBodyOrNegative() throws IOException {
        RuleFieldsReader reader = RuleFieldsReader.forRules(RULES);
        byte[] sized = encode(ec2("Linux", "General purpose"), true);
        int map = Arrays.mismatch(encode(ec2("Linux", "General purpose"), false), sized);

        for (long size : new long[] {-1, sized.length, Long.MAX_VALUE}) {
            byte[] body = withBlockSize(sized, map, size);
            assertThat(reader.read(SkuPrice.getClassSchema(), body, 0, body.length)).as("block size %d", size).isNull();
        }
        byte[] same = withBlockSize(sized, map, blockSize(sized, map));
        assertThat(reader.read(SkuPrice.getClassSchema(), same, 0, same.length)).isNotNull();
    }

    /** {@code sized} with the size of the attributes block at {@code map} replaced by {@code size}. */
    private static byte[] withBlockSize(byte[] sized, int map, long size) throws IOException {
        int sizeAt = map + 1;
        int sizeLength = 1;
        while ((sized[sizeAt + sizeLength - 1] & 0x80) != 0) {
            sizeLength++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(sized, 0, sizeAt);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeLong(size);
        encoder.flush();
        out.write(sized, sizeAt + sizeLength, sized.length - sizeAt - sizeLength);
        return out.toByteArray();
    }

    private static long blockSize(byte[] sized, int map) throws IOException {
        return DecoderFactory.get().binaryDecoder(sized, map + 1, sized.length - map - 1, null).readLong();
    }

    @Test
    void shouldGiveUpOnAStringWhoseLengthIsNegative() {
        RuleFieldsReader reader = RuleFieldsReader.forRules(RULES);
        byte[] body = encode(ec2("Linux", "General purpose"));
        // "eu-west-1" is written as its length, 9 (zig-zag 18), then its bytes; zig-zag 1 is -1
        byte[] region = "eu-west-1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(body, region) - 1;
        assertThat(body[at]).isEqualTo((byte) 18);
        body[at] = 1;

        assertThat(reader.read(SkuPrice.getClassSchema(), body, 0, body.length)).isNull();
    }

    @Test
    void shouldGiveUpOnANegativeLengthInAFieldItSkips() {
        // Avro's skipString reads a negative length as empty and carries on; the full decode refuses it
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP), Set.of());
        byte[] body = encode(ec2("Linux", "General purpose"));
        int at = indexOf(body, "P.Q.R".getBytes(java.nio.charset.StandardCharsets.UTF_8)) - 1;
        assertThat(body[at]).isEqualTo((byte) 10);
        body[at] = 1;

        assertThat(reader.read(SkuPrice.getClassSchema(), body, 0, body.length)).isNull();
    }

    @Test
    void shouldGiveUpOnAWriterSchemaWithoutAFieldTheRulesRead() {
        // a writer that renamed region: only the full decode knows the aliases and defaults
        Schema renamed = new Schema.Parser().parse(SkuPrice.getClassSchema().toString().replace("\"region\"", "\"location\""));
        GenericRecord record = new GenericData.Record(renamed);
        SkuPrice price = ec2("Windows", "General purpose");
        for (Schema.Field field : renamed.getFields()) {
            record.put(field.name(), price.get(field.name().equals("location") ? "region" : field.name()));
        }
        byte[] body = encode(renamed, record);

        assertThat(new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.REGION), Set.of()).read(renamed, body, 0, body.length)).isNull();
        assertThat(new RuleFieldsReader(Set.of(PriceField.CSP), Set.of()).read(renamed, body, 0, body.length)).isNotNull();
    }

    @Test
    void shouldGiveUpOnAPurchaseOptionThisBuildDoesNotKnow() {
        Schema newer = new Schema.Parser().parse(SkuPrice.getClassSchema().toString().replace("\"ON_DEMAND\"", "\"ON_DEMAND\", \"SAVINGS_PLAN_X\""));
        GenericRecord record = new GenericData.Record(newer);
        SkuPrice price = ec2("Windows", "General purpose");
        for (Schema.Field field : newer.getFields()) {
            record.put(field.name(), price.get(field.name()));
        }
        record.put("purchase_option", new GenericData.EnumSymbol(newer.getField("purchase_option").schema(), "SAVINGS_PLAN_X"));
        byte[] body = encode(newer, record);
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.PURCHASE_OPTION), Set.of());

        assertThat(reader.read(newer, body, 0, body.length)).isNull();
        record.put("purchase_option", new GenericData.EnumSymbol(newer.getField("purchase_option").schema(), "RESERVED"));
        byte[] known = encode(newer, record);
        assertThat(reader.read(newer, known, 0, known.length).value(PriceField.PURCHASE_OPTION)).isEqualTo("RESERVED");
    }

    @Property(tries = 3000)
    void shouldReadACorruptedBodyOnlyWhenAvroDecodesItToTheLastByte(@ForAll("prices") SkuPrice price, @ForAll boolean sizedBlocks,
                                                                    @ForAll @IntRange(min = 0, max = 4) int flips,
                                                                    @ForAll long seed) {
        // a body the reader reads (and drops, when the rules say so) must be one the full decode reads too, or a broken
        // record would vanish instead of reaching the DLQ
        byte[] body = encode(price, sizedBlocks);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < flips; i++) {
            body[random.nextInt(body.length)] = (byte) random.nextInt(256);
        }
        int length = random.nextInt(4) == 0 ? random.nextInt(body.length + 1) : body.length;

        RuleValues fields = SHARED.read(SkuPrice.getClassSchema(), body, 0, length);
        boolean read = fields != null && readsAllAttributes(fields);

        if (read) {
            assertThat(decodesToTheEnd(SkuPrice.getClassSchema(), body, length)).as("Avro decodes what the reader read").isTrue();
        }
        if (flips == 0 && length == body.length) {
            assertThat(read).as("an intact body reads").isTrue();
        }
    }

    @Test
    void shouldWalkWriterFieldsOfEveryAvroTypeAsTheFullDecodeDoes() {
        // a newer writer that added fields of the types a price does not use yet: arrays, nested records, fixed,
        // booleans, floats and doubles are stepped over, and the rule fields after them read as before
        Schema extra = new Schema.Parser().parse("""
                {"type": "record", "name": "Extra", "fields": [
                  {"name": "flag", "type": "boolean"}, {"name": "ratio", "type": "float"}, {"name": "weight", "type": "double"},
                  {"name": "digest", "type": {"type": "fixed", "name": "Digest", "size": 3}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}}]}""");
        Schema base = SkuPrice.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        fields.add(new Schema.Field("extras", Schema.createArray(extra)));
        for (Schema.Field field : base.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        Schema newer = Schema.createRecord(base.getName(), null, base.getNamespace(), false, fields);
        SkuPrice price = ec2("Windows", "General purpose");
        GenericRecord record = new GenericData.Record(newer);
        for (Schema.Field field : base.getFields()) {
            record.put(field.name(), price.get(field.name()));
        }
        GenericRecord one = new GenericData.Record(extra);
        one.put("flag", true);
        one.put("ratio", 0.5f);
        one.put("weight", 2.25d);
        one.put("digest", new GenericData.Fixed(extra.getField("digest").schema(), new byte[] {1, 2, 3}));
        one.put("tags", List.of("a", "bc"));
        record.put("extras", List.of(one, one));
        byte[] body = encode(newer, record);
        RuleFieldsReader reader = new RuleFieldsReader(Set.of(PriceField.CSP, PriceField.REGION), Set.of("operatingSystem"));

        RuleValues read = reader.read(newer, body, 0, body.length);

        assertThat(read).isNotNull();
        assertThat(read.value(PriceField.REGION)).isEqualTo("eu-west-1");
        assertThat(read.attribute("operatingSystem")).isEqualTo("Windows");
        assertThat(reader.read(newer, body, 0, body.length - 1)).isNull();
    }

    /** Whether every attribute the rules test reads from {@code fields} (a sized block is read only then). */
    private static boolean readsAllAttributes(RuleValues fields) {
        try {
            for (String key : RULES.attributesRead()) {
                fields.attribute(key);
            }
            return true;
        } catch (RuleFieldsReader.UnreadableBodyException e) {
            return false;
        }
    }

    /** Whether Avro's own decoder reads the first {@code length} bytes of {@code body} as one {@code schema} value, exactly. */
    private static boolean decodesToTheEnd(Schema schema, byte[] body, int length) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, 0, length, null);
            new GenericDatumReader<Object>(schema).read(null, decoder);
            return decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<SkuPrice> prices() {
        return RuleTestPrices.prices();
    }

    private static SkuPrice ec2(String operatingSystem, String instanceFamily) {
        return RuleTestPrices.price("aws", "AmazonEC2", "Compute Instance", null, "eu-west-1", PurchaseOption.ON_DEMAND, "hours",
                Map.of("instanceFamily", instanceFamily, "operatingSystem", operatingSystem, "tenancy", "Shared",
                        "preInstalledSw", "NA", "capacitystatus", "Used", "clockSpeed", "3.5 GHz"));
    }

    private static int indexOf(byte[] body, byte[] part) {
        for (int i = 0; i + part.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the body");
    }

    private static SkuPrice decode(byte[] body) {
        try {
            return new SpecificDatumReader<SkuPrice>(SkuPrice.class).read(null, DecoderFactory.get().binaryDecoder(body, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(SkuPrice price) {
        return encode(SkuPrice.getClassSchema(), price);
    }

    /** {@code price} in Avro binary; with {@code sizedBlocks}, its attributes as the scrapers write them (a block with its size). */
    private static byte[] encode(SkuPrice price, boolean sizedBlocks) {
        if (!sizedBlocks) {
            return encode(price);
        }
        try {
            return ReusableEncoder.encodeSizedBlocks(encoder -> new SpecificDatumWriter<>(SkuPrice.getClassSchema()).write(price, encoder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} (a specific or generic record, or a union's branch) in Avro binary with {@code schema}. */
    private static byte[] encode(Schema schema, Object value) {
        try {
            return ReusableEncoder.encode(encoder -> new SpecificDatumWriter<>(schema, new SkuPrice().getSpecificData()).write(value, encoder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
