package io.pricestream.streams.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads one condition of a rules file: a scalar ({@code equals}), a list ({@code in}) or an object with
 * any of {@code equals}, {@code in}, {@code regex}, {@code range: {min, max}} (all must hold).
 *
 * <p>Errors are raised through the parser so they carry the line and column of the bad condition.
 */
final class ValueMatcherDeserializer extends StdDeserializer<ValueMatcher> {

    ValueMatcherDeserializer() {
        super(ValueMatcher.class);
    }

    @Override
    public ValueMatcher deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        // the location of the condition's first token: errors found after reading the tree point here
        Where at = new Where(parser, parser.currentTokenLocation());
        JsonNode node = parser.readValueAsTree();
        if (node.isValueNode()) {
            return ValueMatcher.AnyOf.of(List.of(scalar(at, node, "value")));
        }
        if (node.isArray()) {
            return ValueMatcher.AnyOf.of(scalars(at, node, "list"));
        }
        List<ValueMatcher> matchers = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "equals" -> matchers.add(ValueMatcher.AnyOf.of(List.of(scalar(at, value, "equals"))));
                case "in" -> matchers.add(ValueMatcher.AnyOf.of(scalars(at, value, "in")));
                case "regex" -> matchers.add(regex(at, scalar(at, value, "regex")));
                case "range" -> matchers.add(range(at, value));
                default -> throw at.fail("unknown condition '" + field.getKey()
                        + "': expected equals, in, regex or range");
            }
        }
        if (matchers.isEmpty()) {
            throw at.fail("empty condition: expected equals, in, regex or range");
        }
        return matchers.size() == 1 ? matchers.get(0) : new ValueMatcher.AllOf(List.copyOf(matchers));
    }

    @Override
    public ValueMatcher getNullValue(DeserializationContext context) throws JsonMappingException {
        // "unit:" with nothing after it would otherwise silently mean "no condition"
        throw JsonMappingException.from(context, "empty condition: give a value, a list, or equals/in/regex/range");
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        // a field left out of a rule means "no condition on it"
        return null;
    }

    private static String scalar(Where at, JsonNode node, String what) throws JsonMappingException {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw at.fail(what + " needs a single value, got " + describe(node));
        }
        return node.asText();
    }

    private static List<String> scalars(Where at, JsonNode node, String what) throws JsonMappingException {
        if (!node.isArray() || node.isEmpty()) {
            throw at.fail(what + " needs a non-empty list of values, got " + describe(node));
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            values.add(scalar(at, element, what + " element"));
        }
        return values;
    }

    private static ValueMatcher regex(Where at, String expression) throws JsonMappingException {
        try {
            return new ValueMatcher.Regex(Pattern.compile(expression, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw at.fail("bad regex '" + expression + "': " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private static ValueMatcher range(Where at, JsonNode node) throws JsonMappingException {
        if (!node.isObject()) {
            throw at.fail("range needs {min: …, max: …}, got " + describe(node));
        }
        BigDecimal min = null;
        BigDecimal max = null;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            BigDecimal bound = number(at, field.getValue(), "range." + field.getKey());
            switch (field.getKey()) {
                case "min" -> min = bound;
                case "max" -> max = bound;
                default -> throw at.fail("unknown range bound '" + field.getKey() + "': expected min or max");
            }
        }
        if (min == null && max == null) {
            throw at.fail("range needs min, max or both");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw at.fail("range min " + min.toPlainString() + " is above max " + max.toPlainString());
        }
        return new ValueMatcher.Range(min, max);
    }

    private static BigDecimal number(Where at, JsonNode node, String what) throws JsonMappingException {
        try {
            return new BigDecimal(scalar(at, node, what).trim());
        } catch (NumberFormatException e) {
            throw at.fail(what + " must be a number, got '" + node.asText() + "'");
        }
    }

    /** Where a condition starts, so an error found after reading it still names its line and column. */
    private record Where(JsonParser parser, JsonLocation location) {

        JsonMappingException fail(String message) {
            return new JsonMappingException(parser, message, location);
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "nothing";
        }
        return node.isArray() ? "a list" : node.isObject() ? "an object" : "'" + node.asText() + "'";
    }
}
