package io.pricestream.streams.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * One compiled rule of a rules file: every condition must hold for the rule to match.
 *
 * @param name       unique name from the file, used in reports and logs
 * @param action     include or exclude
 * @param csps       the CSPs the rule is limited to (lower case), empty when it has no plain {@code csp} list
 * @param fields     conditions on price fields, tested in declaration order of {@link PriceField} (csp first: cheapest)
 * @param attributes conditions on {@code attributes} entries; a missing attribute fails its condition
 */
public record Rule(String name, Action action, Set<String> csps, List<Map.Entry<PriceField, ValueMatcher>> fields,
                   List<Map.Entry<String, ValueMatcher>> attributes) {

    /** What a matching rule does to a price. */
    public enum Action { INCLUDE, EXCLUDE }

    public Rule {
        csps = Set.copyOf(csps);
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
    }

    public boolean matches(SkuPrice price) {
        for (Map.Entry<PriceField, ValueMatcher> field : fields) {
            if (!field.getKey().matches(field.getValue(), price)) {
                return false;
            }
        }
        if (!attributes.isEmpty()) {
            Map<String, String> values = price.getAttributes();
            for (Map.Entry<String, ValueMatcher> attribute : attributes) {
                if (values == null || !attribute.getValue().matches(values.get(attribute.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }
}
