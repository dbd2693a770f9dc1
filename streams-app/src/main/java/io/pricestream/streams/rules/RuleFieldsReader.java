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
import java.util.function.Consumer;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * Reads, from the Avro body of a raw {@code SkuPrice}, only the fields the relevance rules test, so that the
 * ~97 % of a catalogue the rules drop is never decoded in full.
 *
 * <p>Decoding a price in full (about fifty strings, a hash map of attributes, four decimals) was half of a
 * replay's CPU, and the rules read a handful of short strings. This reader walks the whole body with the
 * writer's schema, skipping (Avro's own {@link GenericDatumReader#skip}) every field the rules do not read and
 * every attribute they do not name; attribute keys are compared as bytes. Walking to the end means a truncated
 * or padded body is still noticed.
 *
 * <p>The result is a <em>sparse</em> {@link SkuPrice}: only the fields in {@link RelevanceRules#fieldsRead()} and
 * the attributes in {@link RelevanceRules#attributesRead()} are set; it is reused for the next record and is only
 * good for asking the rules. {@link #read} returns {@code null} whenever it cannot answer exactly (a schema it
 * does not know how to walk, a body that does not read, a purchase option this build does not know): the caller
 * then decodes the record in full, which either reads it or names what is wrong with it.
 *
 * <p>Not thread-safe: one per processor (a processor runs on one stream thread at a time).
 */
public final class RuleFieldsReader {

    private static final String SKU_PRICE = SkuPrice.getClassSchema().getFullName();

    private final Set<PriceField> fields;
    /** The attribute keys the rules test, indexed by UTF-8 length: compared as bytes, without hashing each key read. */
    private final AttributeKey[][] attributeKeys;
    private final Set<String> writerFieldsNeeded;
    private final Map<Schema, Plan> plans = new HashMap<>();
    private final SkuPrice sparse = new SkuPrice();
    private final Map<String, String> attributes = new HashMap<>();
    private final Utf8 scratch = new Utf8();
    private BinaryDecoder decoder;

    public RuleFieldsReader(Set<PriceField> fields, Set<String> attributeKeys) {
        this.fields = Set.copyOf(fields);
        this.writerFieldsNeeded = writerFieldsNeeded(this.fields, !attributeKeys.isEmpty());
        Map<Integer, List<AttributeKey>> byLength = new HashMap<>();
        for (String key : attributeKeys) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            byLength.computeIfAbsent(bytes.length, length -> new ArrayList<>()).add(new AttributeKey(bytes, key));
        }
        this.attributeKeys = new AttributeKey[byLength.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1][];
        byLength.forEach((length, keys) -> this.attributeKeys[length] = keys.toArray(AttributeKey[]::new));
        sparse.setAttributes(attributes);
    }

    /** For {@code rules}: the fields and attributes they test. */
    public static RuleFieldsReader forRules(RelevanceRules rules) {
        return new RuleFieldsReader(rules.fieldsRead(), rules.attributesRead());
    }

    /**
     * The rule fields of the {@code length} body bytes at {@code offset}, written with {@code writerSchema}: a
     * {@code SkuPrice} record, or a union with a {@code SkuPrice} branch (the raw topics' value schema). Null if the
     * body is not a price (a run marker) or its fields cannot be read exactly.
     */
    public SkuPrice read(Schema writerSchema, byte[] body, int offset, int length) {
        Plan plan = plans.computeIfAbsent(writerSchema, this::plan);
        if (plan.steps() == null) {
            return null;
        }
        clear();
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
            return decoder.isEnd() ? sparse : null;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // the full decode reports what is wrong with the body
            return null;
        }
    }

    private void clear() {
        sparse.setCsp(null);
        sparse.setService(null);
        sparse.setServiceName(null);
        sparse.setProductFamily(null);
        sparse.setRegion(null);
        sparse.setPurchaseOption(null);
        sparse.setUnit(null);
        sparse.setSkuName(null);
        sparse.setTerm(null);
        attributes.clear();
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
            case "csp" -> stringStep(PriceField.CSP, schema, sparse::setCsp);
            case "service" -> stringStep(PriceField.SERVICE, schema, sparse::setService);
            case "service_name" -> stringStep(PriceField.SERVICE, schema, sparse::setServiceName);
            case "product_family" -> stringStep(PriceField.PRODUCT_FAMILY, schema, sparse::setProductFamily);
            case "region" -> stringStep(PriceField.REGION, schema, sparse::setRegion);
            case "unit" -> stringStep(PriceField.UNIT, schema, sparse::setUnit);
            case "sku_name" -> stringStep(PriceField.SKU_NAME, schema, sparse::setSkuName);
            case "term" -> stringStep(PriceField.TERM, schema, sparse::setTerm);
            case "purchase_option" -> purchaseOptionStep(schema);
            case "attributes" -> attributeKeys.length == 0 ? skip(schema) : attributesStep(schema);
            default -> skip(schema);
        };
    }

    private Step stringStep(PriceField field, Schema schema, Consumer<String> setter) {
        if (!fields.contains(field)) {
            return skip(schema);
        }
        if (schema.getType() == Schema.Type.STRING) {
            return in -> {
                setter.accept(in.readString());
                return true;
            };
        }
        int stringBranch = nullableBranch(schema, Schema.Type.STRING);
        if (stringBranch < 0) {
            return null;
        }
        int nullBranch = 1 - stringBranch;
        return in -> {
            int branch = in.readIndex();
            if (branch == stringBranch) {
                setter.accept(in.readString());
            } else if (branch == nullBranch) {
                setter.accept(null);
            } else {
                return false;
            }
            return true;
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
            sparse.setPurchaseOption(bySymbol[index]);
            return true;
        };
    }

    private Step attributesStep(Schema schema) {
        if (schema.getType() != Schema.Type.MAP || schema.getValueType().getType() != Schema.Type.STRING) {
            return null;
        }
        return in -> {
            for (long block = in.readMapStart(); block != 0; block = in.mapNext()) {
                for (long i = 0; i < block; i++) {
                    String key = wantedKey(in.readString(scratch));
                    if (key == null) {
                        in.skipString();
                    } else {
                        attributes.put(key, in.readString());
                    }
                }
            }
            return true;
        };
    }

    /** The rules' name for {@code key}, or null if no rule tests it. */
    private String wantedKey(Utf8 key) {
        int length = key.getByteLength();
        if (length >= attributeKeys.length || attributeKeys[length] == null) {
            return null;
        }
        byte[] bytes = key.getBytes();
        for (AttributeKey candidate : attributeKeys[length]) {
            if (Arrays.equals(candidate.utf8(), 0, length, bytes, 0, length)) {
                return candidate.name();
            }
        }
        return null;
    }

    private static Step skip(Schema schema) {
        return in -> {
            GenericDatumReader.skip(schema, in);
            return true;
        };
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

    private record AttributeKey(byte[] utf8, String name) {
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
