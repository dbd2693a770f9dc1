package io.pricestream.streams.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The relevance rules compiled into one answer per field value: for each value a field takes, the set of rules
 * whose condition on that field holds. A price is relevant when some include rule holds on every field and no
 * exclude rule does — the same decision as {@link RelevanceRules#isRelevant}, which tests rule after rule.
 *
 * <p>Why: the values rules test (services, families, regions, sku and product names, attribute values) repeat
 * across millions of prices, while testing every rule of a price's CSP one condition at a time (case-insensitive
 * comparisons and regex searches) was a third of a replay's CPU. Here a price costs at most one hash lookup per field
 * the rules read, per CSP as {@link RelevanceRules} groups them, and stops as soon as no include rule can hold or an
 * exclude rule holds whatever the fields not yet looked at say. Each
 * field remembers about {@link #REMEMBERED} distinct values; beyond that a value's conditions are tested every time.
 *
 * <p>Thread-safe: one instance serves every stream thread of the app, so a value one task has met is known to
 * all (its memory is a concurrent map per field).
 */
public final class RuleIndex {

    static final int REMEMBERED = 65_536;

    private final Map<String, Compiled> byCsp = new HashMap<>();
    private final Compiled anyCsp;

    public RuleIndex(RelevanceRules rules) {
        List<Rule> all = rules.allRules();
        for (String csp : Topics.CSPS) {
            byCsp.put(csp, new Compiled(RelevanceRules.applicableTo(csp, all)));
        }
        this.anyCsp = new Compiled(RelevanceRules.applicableTo(null, all));
    }

    /** Whether the rules keep {@code price}; reads only the fields and attributes some rule tests. */
    public boolean isRelevant(SkuPrice price) {
        return isRelevant(RuleValues.of(price));
    }

    /** Whether the rules keep the price of {@code values}; asks only for the values it needs to decide. */
    public boolean isRelevant(RuleValues values) {
        return RelevanceRules.forCsp(byCsp, anyCsp, values.value(PriceField.CSP)).isRelevant(values);
    }

    private static void set(long[] bits, int index) {
        bits[index >>> 6] |= 1L << (index & 63);
    }

    private static boolean intersects(long[] a, long[] b) {
        for (int w = 0; w < a.length; w++) {
            if ((a[w] & b[w]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The rules that can apply to one CSP, compiled. */
    private static final class Compiled {

        private final long[] include;
        private final long[] exclude;
        private final FieldConditions[] fields;
        /**
         * By field position: the exclude rules with no condition on that field or any after it. Once such a rule
         * still holds, it holds whatever the remaining fields say, and the price is out — most of a catalogue is
         * settled this way by a region or purchase-option exclude, before the many attribute fields are looked up.
         */
        private final long[][] excludeSettledAfter;
        private final long[] excludeSettledBefore;
        private final int words;

        Compiled(List<Rule> rules) {
            int words = Math.max(1, (rules.size() + 63) / 64);
            this.include = new long[words];
            this.exclude = new long[words];
            for (int i = 0; i < rules.size(); i++) {
                set(rules.get(i).action() == Rule.Action.INCLUDE ? include : exclude, i);
            }
            Map<Object, List<Condition>> byField = new HashMap<>();
            for (int i = 0; i < rules.size(); i++) {
                for (Map.Entry<PriceField, ValueMatcher> field : rules.get(i).fields()) {
                    byField.computeIfAbsent(field.getKey(), key -> new ArrayList<>()).add(new Condition(i, field.getValue()));
                }
                for (Map.Entry<String, ValueMatcher> attribute : rules.get(i).attributes()) {
                    byField.computeIfAbsent(attribute.getKey(), key -> new ArrayList<>()).add(new Condition(i, attribute.getValue()));
                }
            }
            // fields with few distinct values first; sku names, nearly one per SKU, last: most prices are settled before
            List<Object> order = new ArrayList<>();
            for (PriceField field : PriceField.values()) {
                if (field != PriceField.SKU_NAME && byField.containsKey(field)) {
                    order.add(field);
                }
            }
            byField.keySet().stream().filter(String.class::isInstance).map(String.class::cast).sorted().forEach(order::add);
            if (byField.containsKey(PriceField.SKU_NAME)) {
                order.add(PriceField.SKU_NAME);
            }
            this.fields = order.stream().map(field -> new FieldConditions(field, byField.get(field), rules.size(), words))
                    .toArray(FieldConditions[]::new);
            this.words = words;
            this.excludeSettledAfter = new long[fields.length][];
            long[] settled = exclude.clone();
            for (int i = fields.length - 1; i >= 0; i--) {
                excludeSettledAfter[i] = settled.clone();
                for (int w = 0; w < words; w++) {
                    settled[w] &= ~fields[i].conditioned[w];
                }
            }
            this.excludeSettledBefore = settled;
        }

        boolean isRelevant(RuleValues price) {
            long[] holding = new long[words];
            Arrays.fill(holding, -1L);
            if (intersects(holding, excludeSettledBefore)) {
                return false;
            }
            for (int i = 0; i < fields.length; i++) {
                FieldConditions field = fields[i];
                // a field only rules already out condition cannot change the answer: not even looked up
                if (intersects(holding, field.conditioned)) {
                    field.narrow(price, holding);
                    if (!intersects(holding, include) || intersects(holding, excludeSettledAfter[i])) {
                        return false;
                    }
                }
            }
            return intersects(holding, include) && !intersects(holding, exclude);
        }
    }

    private record Condition(int rule, ValueMatcher matcher) {
    }

    /** The conditions of every rule on one field (a {@link PriceField} or an attribute key). */
    private static final class FieldConditions {

        private final Function<RuleValues, String> value;
        /** {@code service} holds if either service or service_name matches. */
        private final Function<RuleValues, String> alternative;
        private final Condition[] conditions;
        /** Rules with no condition on this field: it holds for them whatever the value. */
        private final long[] unconditioned;
        private final long[] conditioned;
        private final long[] absent;
        private final Map<String, long[]> remembered = new ConcurrentHashMap<>();

        FieldConditions(Object field, List<Condition> conditions, int rules, int words) {
            this.conditions = conditions.toArray(Condition[]::new);
            this.unconditioned = new long[words];
            for (int i = 0; i < rules; i++) {
                set(unconditioned, i);
            }
            this.conditioned = new long[words];
            for (Condition condition : this.conditions) {
                unconditioned[condition.rule() >>> 6] &= ~(1L << (condition.rule() & 63));
                set(conditioned, condition.rule());
            }
            if (field instanceof PriceField priceField) {
                this.value = values -> values.value(priceField);
                this.alternative = priceField == PriceField.SERVICE ? RuleValues::serviceName : null;
            } else {
                String key = (String) field;
                this.value = values -> values.attribute(key);
                this.alternative = null;
            }
            this.absent = holdsFor(null);
        }

        /** Clears from {@code holding} the rules whose condition on this field fails for {@code price}. */
        void narrow(RuleValues price, long[] holding) {
            long[] holds = of(value.apply(price));
            if (alternative != null) {
                long[] other = of(alternative.apply(price));
                for (int w = 0; w < holding.length; w++) {
                    holding[w] &= holds[w] | other[w];
                }
                return;
            }
            for (int w = 0; w < holding.length; w++) {
                holding[w] &= holds[w];
            }
        }

        private long[] of(String value) {
            if (value == null) {
                return absent;
            }
            long[] holds = remembered.get(value);
            if (holds != null) {
                return holds;
            }
            holds = holdsFor(value);
            if (remembered.size() < REMEMBERED) {
                remembered.put(value, holds);
            }
            return holds;
        }

        private long[] holdsFor(String value) {
            long[] holds = unconditioned.clone();
            for (Condition condition : conditions) {
                if (condition.matcher().matches(value)) {
                    set(holds, condition.rule());
                }
            }
            return holds;
        }
    }
}
