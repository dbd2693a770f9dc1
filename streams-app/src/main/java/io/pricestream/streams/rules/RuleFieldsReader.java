package io.pricestream.streams.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * Reads, from the Avro body of a raw {@code SkuPrice}, only the fields the relevance rules test, so that the
 * ~97 % of a catalogue the rules drop is never decoded in full.
 *
 * <p>Decoding a price in full (about fifty strings, a hash map of attributes, four decimals) was half of a
 * replay's CPU, and the rules read a handful of short strings. This reader walks the whole body with the
 * writer's schema and Avro's decoder, skipping every field the rules do not read and every attribute they do not
 * name; attribute keys are compared as bytes, and a key of a length no rule's key has is skipped without being
 * copied. Walking to the end means a truncated or padded body is still noticed. An attributes map written in
 * blocks that carry their size in bytes (the scrapers write raw prices so) is stepped over whole and read only if
 * a rule asks for an attribute; its size is checked against the body, its entries only when it is read.
 *
 * <p>The result is a {@link RuleValues} over the bytes read: only the fields in {@link RelevanceRules#fieldsRead()}
 * and the attributes in {@link RelevanceRules#attributesRead()} have values, each decoded only when a rule asks
 * for it, and repeating values as one instance ({@link InternedStrings}) that the rules' maps need not hash again.
 * It is reused for the next record. {@link #read} returns {@code null} whenever it cannot answer exactly (a schema
 * it does not know how to walk, a body that does not read, a purchase option this build does not know): the
 * caller then decodes the record in full, which either reads it or names what is wrong with it.
 *
 * <p>Not thread-safe: one per processor (a processor runs on one stream thread at a time).
 */
public final class RuleFieldsReader {

    private static final String SKU_PRICE = SkuPrice.getClassSchema().getFullName();
    /** Where {@code service_name} is kept, after one slot per {@link PriceField}. */
    private static final int SERVICE_NAME = PriceField.values().length;

    private final Set<PriceField> fields;
    /** The attribute keys the rules test, indexed by UTF-8 length: compared as bytes, without hashing each key read. */
    private final AttributeKey[][] attributeKeys;
    private final Set<String> writerFieldsNeeded;
    private final Map<Schema, Plan> plans = new HashMap<>();
    private final ReadValues values;
    private final InternedStrings strings = new InternedStrings();
    /** The length of the body being read: no string in it can be longer. */
    private int bodyLength;
    private BinaryDecoder decoder;

    public RuleFieldsReader(Set<PriceField> fields, Set<String> attributeKeys) {
        this.fields = Set.copyOf(fields);
        this.writerFieldsNeeded = writerFieldsNeeded(this.fields, !attributeKeys.isEmpty());
        List<String> names = List.copyOf(attributeKeys);
        Map<Integer, List<AttributeKey>> byLength = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byte[] bytes = names.get(i).getBytes(StandardCharsets.UTF_8);
            byLength.computeIfAbsent(bytes.length, length -> new ArrayList<>()).add(new AttributeKey(bytes, i));
        }
        this.attributeKeys = new AttributeKey[byLength.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1][];
        byLength.forEach((length, keys) -> this.attributeKeys[length] = keys.toArray(AttributeKey[]::new));
        this.values = new ReadValues(names);
    }

    /** For {@code rules}: the fields and attributes they test. */
    public static RuleFieldsReader forRules(RelevanceRules rules) {
        return new RuleFieldsReader(rules.fieldsRead(), rules.attributesRead());
    }

    /**
     * The rule fields of the {@code length} body bytes at {@code offset}, written with {@code writerSchema}: a
     * {@code SkuPrice} record, or a union with a {@code SkuPrice} branch (the raw topics' value schema). Null if the
     * body is not a price (a run marker) or its fields cannot be read exactly. The values are good until the next
     * call.
     */
    public RuleValues read(Schema writerSchema, byte[] body, int offset, int length) {
        Plan plan = plans.computeIfAbsent(writerSchema, this::plan);
        if (plan.steps() == null) {
            return null;
        }
        values.clear();
        bodyLength = length;
        decoder = DecoderFactory.get().binaryDecoder(body, offset, length, decoder);
        try {
            if (plan.priceBranch() >= 0 && decoder.readIndex() != plan.priceBranch()) {
                return null;
            }
            for (Step step : plan.steps()) {
                if (!step.read(decoder)) {
                    return null;
                }
            }
            return decoder.isEnd() ? values : null;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // the full decode reports what is wrong with the body
            return null;
        }
    }

    /**
     * How to walk {@code writerSchema}; {@link Plan#UNREADABLE} if it is not a {@code SkuPrice} record (or a union
     * with one) this reader can walk, or lacks a field the rules read (a writer that renamed or dropped it: only the
     * full decode applies aliases and defaults).
     */
    private Plan plan(Schema writerSchema) {
        if (writerSchema.getType() == Schema.Type.UNION) {
            List<Schema> branches = writerSchema.getTypes();
            for (int branch = 0; branch < branches.size(); branch++) {
                if (isSkuPrice(branches.get(branch))) {
                    Step[] steps = steps(branches.get(branch));
                    return steps == null ? Plan.UNREADABLE : new Plan(steps, branch);
                }
            }
            return Plan.UNREADABLE;
        }
        Step[] steps = isSkuPrice(writerSchema) ? steps(writerSchema) : null;
        return steps == null ? Plan.UNREADABLE : new Plan(steps, -1);
    }

    private static boolean isSkuPrice(Schema schema) {
        return schema.getType() == Schema.Type.RECORD && SKU_PRICE.equals(schema.getFullName());
    }

    private Step[] steps(Schema record) {
        List<Step> steps = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (Schema.Field field : record.getFields()) {
            Step step = stepFor(field);
            if (step == null) {
                return null;
            }
            steps.add(step);
            found.add(field.name());
        }
        return found.containsAll(writerFieldsNeeded) ? steps.toArray(Step[]::new) : null;
    }

    private static Set<String> writerFieldsNeeded(Set<PriceField> fields, boolean attributes) {
        // a rules file names a field by its Avro name
        Set<String> names = new HashSet<>();
        for (PriceField field : fields) {
            names.add(field.fileName());
            if (field == PriceField.SERVICE) {
                names.add("service_name");
            }
        }
        if (attributes) {
            names.add("attributes");
        }
        return Set.copyOf(names);
    }

    private Step stepFor(Schema.Field field) {
        Schema schema = field.schema();
        return switch (field.name()) {
            case "csp" -> stringStep(PriceField.CSP, PriceField.CSP.ordinal(), schema);
            case "service" -> stringStep(PriceField.SERVICE, PriceField.SERVICE.ordinal(), schema);
            case "service_name" -> stringStep(PriceField.SERVICE, SERVICE_NAME, schema);
            case "product_family" -> stringStep(PriceField.PRODUCT_FAMILY, PriceField.PRODUCT_FAMILY.ordinal(), schema);
            case "region" -> stringStep(PriceField.REGION, PriceField.REGION.ordinal(), schema);
            case "unit" -> stringStep(PriceField.UNIT, PriceField.UNIT.ordinal(), schema);
            case "sku_name" -> stringStep(PriceField.SKU_NAME, PriceField.SKU_NAME.ordinal(), schema);
            case "term" -> stringStep(PriceField.TERM, PriceField.TERM.ordinal(), schema);
            case "purchase_option" -> purchaseOptionStep(schema);
            case "attributes" -> attributeKeys.length == 0 ? skip(schema) : attributesStep(schema);
            default -> skip(schema);
        };
    }

    /** Keeps the bytes of a string field the rules test in slot {@code slot}, if {@code field} is one they test. */
    private Step stringStep(PriceField field, int slot, Schema schema) {
        if (!fields.contains(field)) {
            return skip(schema);
        }
        Slot target = values.fields[slot];
        if (schema.getType() == Schema.Type.STRING) {
            return target::read;
        }
        int stringBranch = nullableBranch(schema, Schema.Type.STRING);
        if (stringBranch < 0) {
            return null;
        }
        int nullBranch = 1 - stringBranch;
        return in -> {
            int branch = in.readIndex();
            return branch == stringBranch ? target.read(in) : branch == nullBranch;
        };
    }

    private Step purchaseOptionStep(Schema schema) {
        if (!fields.contains(PriceField.PURCHASE_OPTION)) {
            return skip(schema);
        }
        if (schema.getType() != Schema.Type.ENUM) {
            return null;
        }
        // by writer symbol index; null where this build's enum has no such symbol (the full decode decides)
        PurchaseOption[] bySymbol = new PurchaseOption[schema.getEnumSymbols().size()];
        for (int i = 0; i < bySymbol.length; i++) {
            String symbol = schema.getEnumSymbols().get(i);
            for (PurchaseOption option : PurchaseOption.values()) {
                if (option.name().equals(symbol)) {
                    bySymbol[i] = option;
                }
            }
        }
        return in -> {
            int index = in.readEnum();
            if (index < 0 || index >= bySymbol.length || bySymbol[index] == null) {
                return false;
            }
            values.purchaseOption = bySymbol[index];
            return true;
        };
    }

    private Step attributesStep(Schema schema) {
        if (schema.getType() != Schema.Type.MAP || schema.getValueType().getType() != Schema.Type.STRING) {
            return null;
        }
        return this::attributes;
    }

    /**
     * Reads a price's attributes. A block written with its size in bytes (the scrapers write them so:
     * {@code ReusableEncoder#encodeSizedBlocks}) is kept as bytes, read only when a rule asks for an attribute
     * ({@link DeferredAttributes}): most prices are settled by their first fields, and stepping over the map whole
     * was the larger part of reading a price. A block without its size is read entry by entry at once.
     */
    private boolean attributes(BinaryDecoder in) throws IOException {
        // Avro's readMapStart would read and drop a block's size: read the count ourselves
        for (long count = in.readLong(); count != 0; count = in.readLong()) {
            if (count > 0) {
                for (long i = 0; i < count; i++) {
                    attribute(in);
                }
            } else {
                if (count < -bodyLength) {
                    throw new IOException("a map block of " + -count + " entries in a body of " + bodyLength + " bytes");
                }
                values.deferred.keep(in, -count, length(in));
            }
        }
        return true;
    }

    /** Reads one attribute entry: its value into a slot if a rule tests its key, else skipped. */
    private void attribute(BinaryDecoder in) throws IOException {
        Slot value = wantedKey(in);
        if (value == null) {
            skipString(in);
        } else {
            value.read(in);
        }
    }

    /** Reads the entries of an Avro map (blocks of a count and that many entries, ended by 0) with {@code entry}. */
    private static boolean entries(BinaryDecoder in, Step entry) throws IOException {
        for (long block = in.readMapStart(); block != 0; block = in.mapNext()) {
            for (long i = 0; i < block; i++) {
                if (!entry.read(in)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads an attribute key: the slot of its value if a rule tests it, else null. A key of a length no rule's key
     * has is skipped without being copied: most of a price's attributes are.
     */
    private Slot wantedKey(BinaryDecoder in) throws IOException {
        int keyLength = length(in);
        if (keyLength >= attributeKeys.length || attributeKeys[keyLength] == null) {
            in.skipFixed(keyLength);
            return null;
        }
        byte[] key = values.key;
        in.readFixed(key, 0, keyLength);
        for (AttributeKey candidate : attributeKeys[keyLength]) {
            if (Arrays.equals(candidate.utf8(), 0, keyLength, key, 0, keyLength)) {
                return values.attributes[candidate.index()];
            }
        }
        return null;
    }

    /**
     * Skips a value of {@code schema}: the types a price is made of step by step, anything else by Avro's generic
     * {@link GenericDatumReader#skip} (which walks the schema anew for every value).
     */
    private Step skip(Schema schema) {
        return switch (schema.getType()) {
            case STRING, BYTES -> this::skipString;
            case LONG -> in -> {
                in.readLong();
                return true;
            };
            case INT -> in -> {
                in.readInt();
                return true;
            };
            case ENUM -> {
                int symbols = schema.getEnumSymbols().size();
                yield in -> {
                    int index = in.readEnum();
                    return index >= 0 && index < symbols;
                };
            }
            case NULL -> in -> true;
            case UNION -> {
                Step[] branches = schema.getTypes().stream().map(this::skip).toArray(Step[]::new);
                yield in -> {
                    int branch = in.readIndex();
                    return branch >= 0 && branch < branches.length && branches[branch].read(in);
                };
            }
            case MAP -> {
                Step value = skip(schema.getValueType());
                yield in -> entries(in, entry -> skipString(entry) && value.read(entry));
            }
            default -> in -> {
                GenericDatumReader.skip(schema, in);
                return true;
            };
        };
    }

    /** Skips a string or bytes value. */
    private boolean skipString(BinaryDecoder in) throws IOException {
        in.skipFixed(length(in));
        return true;
    }

    /**
     * The length of a string or bytes value; an {@link IOException} (the body does not read) for a length the full
     * decode refuses (negative) or that cannot fit the body. Avro's own {@code skipString} reads a negative length
     * as empty and carries on.
     */
    private int length(BinaryDecoder in) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > bodyLength) {
            throw new IOException("a string or bytes value of " + length + " bytes in a body of " + bodyLength);
        }
        return (int) length;
    }

    /** The branch index of {@code type} in a two-branch union with null (the other branch), or -1. */
    private static int nullableBranch(Schema schema, Schema.Type type) {
        if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
            return -1;
        }
        List<Schema> branches = schema.getTypes();
        for (int i = 0; i < 2; i++) {
            if (branches.get(i).getType() == type && branches.get(1 - i).getType() == Schema.Type.NULL) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The values read from the last body, as the bytes of each string: a string is decoded only when a rule asks
     * for it, once per record. Most prices are settled by their first few fields (CSP, service, region), so their
     * SKU names and attribute values are never decoded at all.
     */
    private final class ReadValues implements RuleValues {

        /** One per {@link PriceField} (purchase option's unused), then {@code service_name}. */
        private final Slot[] fields = new Slot[SERVICE_NAME + 1];
        private final List<String> attributeNames;
        private final Slot[] attributes;
        private final byte[] key;
        private final DeferredAttributes deferred = new DeferredAttributes();
        private PurchaseOption purchaseOption;

        ReadValues(List<String> attributeNames) {
            for (int i = 0; i < fields.length; i++) {
                // a SKU name is nearly one per price: kept, it would only push out the values that do repeat
                fields[i] = new Slot(i != PriceField.SKU_NAME.ordinal());
            }
            this.attributeNames = attributeNames;
            this.attributes = new Slot[attributeNames.size()];
            for (int i = 0; i < attributes.length; i++) {
                attributes[i] = new Slot(true);
            }
            this.key = new byte[attributeKeys.length];
        }

        void clear() {
            for (Slot slot : fields) {
                slot.clear();
            }
            for (Slot slot : attributes) {
                slot.clear();
            }
            deferred.clear();
            purchaseOption = null;
        }

        @Override
        public String value(PriceField field) {
            if (field == PriceField.PURCHASE_OPTION) {
                return purchaseOption == null ? null : purchaseOption.name();
            }
            return fields[field.ordinal()].value();
        }

        @Override
        public String serviceName() {
            return fields[SERVICE_NAME].value();
        }

        /**
         * @throws UnreadableBodyException when an attribute block kept as bytes does not read as its entries: the
         *                                 caller decodes the record in full instead
         */
        @Override
        public String attribute(String name) {
            deferred.read();
            for (int i = 0; i < attributes.length; i++) {
                if (attributeNames.get(i).equals(name)) {
                    return attributes[i].value();
                }
            }
            return null;
        }
    }

    /**
     * The attribute blocks of the last body that were written with their size in bytes, kept as bytes until a rule
     * asks for an attribute, then read into the attribute slots once. The block's size is checked against the body
     * when it is kept; its entries only when it is read (a price the rules settle before any attribute is dropped
     * without them being looked at).
     */
    private final class DeferredAttributes {

        private byte[] bytes = new byte[1024];
        private int used;
        private long[] counts = new long[2];
        private int[] ends = new int[2];
        private int blocks;
        private BinaryDecoder decoder;

        void clear() {
            used = 0;
            blocks = 0;
        }

        /** Keeps the next {@code size} bytes of {@code in}: a block of {@code count} entries. */
        void keep(BinaryDecoder in, long count, int size) throws IOException {
            if (bytes.length - used < size) {
                bytes = Arrays.copyOf(bytes, Math.max(used + size, bytes.length * 2));
            }
            if (blocks == counts.length) {
                counts = Arrays.copyOf(counts, blocks * 2);
                ends = Arrays.copyOf(ends, blocks * 2);
            }
            in.readFixed(bytes, used, size);
            used += size;
            counts[blocks] = count;
            ends[blocks++] = used;
        }

        /** Reads the kept blocks into the attribute slots, once per body. */
        void read() {
            int start = 0;
            try {
                for (int block = 0; block < blocks; block++) {
                    decoder = DecoderFactory.get().binaryDecoder(bytes, start, ends[block] - start, decoder);
                    for (long i = 0; i < counts[block]; i++) {
                        attribute(decoder);
                    }
                    if (!decoder.isEnd()) {
                        throw new IOException("a map block of " + counts[block] + " entries ends before its " + (ends[block] - start) + " bytes");
                    }
                    start = ends[block];
                }
            } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                throw new UnreadableBodyException("the attributes do not read: " + e.getMessage());
            } finally {
                blocks = 0;
            }
        }
    }

    /**
     * A body whose attributes, kept as bytes while reading, turned out not to read when a rule asked for one: the
     * caller decodes the record in full, which names what is wrong with it.
     */
    public static final class UnreadableBodyException extends RuntimeException {

        UnreadableBodyException(String message) {
            // thrown per bad record on a hot path; the message says all there is to say
            super(message, null, false, false);
        }
    }

    /** The UTF-8 bytes of one string value of the last body; absent until read. */
    private final class Slot {

        private final boolean interned;
        private byte[] bytes = new byte[32];
        private int length = -1;
        private String decoded;
        /**
         * The last value this slot decoded, and its bytes: a raw topic is written in catalogue order, so a price's
         * CSP, service, family and region are mostly the ones of the price before, and comparing bytes is cheaper
         * than looking them up.
         */
        private byte[] previousBytes = new byte[32];
        private int previousLength = -1;
        private String previous;

        Slot(boolean interned) {
            this.interned = interned;
        }

        void clear() {
            length = -1;
            decoded = null;
        }

        /**
         * Reads an Avro string: a long length, then that many UTF-8 bytes (what {@code BinaryDecoder.readString}
         * reads).
         */
        boolean read(BinaryDecoder in) throws IOException {
            int size = length(in);
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, bytes.length * 2)];
            }
            in.readFixed(bytes, 0, size);
            length = size;
            decoded = null;
            return true;
        }

        String value() {
            if (length < 0) {
                return null;
            }
            if (decoded == null) {
                if (length == previousLength && Arrays.equals(bytes, 0, length, previousBytes, 0, length)) {
                    decoded = previous;
                } else {
                    decoded = interned ? strings.of(bytes, length) : new String(bytes, 0, length, StandardCharsets.UTF_8);
                    remember();
                }
            }
            return decoded;
        }

        private void remember() {
            if (previousBytes.length < length) {
                previousBytes = new byte[bytes.length];
            }
            System.arraycopy(bytes, 0, previousBytes, 0, length);
            previousLength = length;
            previous = decoded;
        }
    }

    private record AttributeKey(byte[] utf8, int index) {
    }

    /**
     * How to walk one writer schema: {@code steps} per price field (null when it cannot be walked), after reading
     * the union index {@code priceBranch} (-1 for a plain record).
     */
    private record Plan(Step[] steps, int priceBranch) {
        static final Plan UNREADABLE = new Plan(null, -1);
    }

    /** Reads or skips one writer field; false when the value cannot be answered exactly. */
    @FunctionalInterface
    private interface Step {
        boolean read(BinaryDecoder in) throws IOException;
    }
}
