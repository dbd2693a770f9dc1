package io.pricestream.cspsim.azure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The OData {@code $filter} subset the simulator understands: {@code field eq 'value'} over
 * serviceName, serviceId, serviceFamily, armRegionName, location and priceType, combined with
 * {@code and}, {@code or} and parentheses. Field names are case-insensitive; values are compared
 * case-sensitively unless {@code caseSensitive} is false (api-versions before 2023-01-01-preview).
 */
final class AzureFilter {
    /** Filterable fields, lower-case, mapped to the canonical name the subject is asked for. */
    static final Map<String, String> FIELDS = Map.of("servicename", "serviceName", "serviceid", "serviceId",
            "servicefamily", "serviceFamily", "armregionname", "armRegionName", "location", "location",
            "pricetype", "priceType");

    /** A parsed expression. */
    interface Expression {
        boolean test(Function<String, String> subject);
    }

    /** Matches everything (no filter). */
    static final Expression ALL = subject -> true;

    private final String text;
    private final boolean caseSensitive;
    private final List<String> tokens;
    private int position;

    private AzureFilter(String text, boolean caseSensitive) {
        this.text = text;
        this.caseSensitive = caseSensitive;
        this.tokens = tokenize(text);
    }

    /** Parses a filter; throws {@link IllegalArgumentException} naming the position and what was expected. */
    static Expression parse(String text, boolean caseSensitive) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        AzureFilter parser = new AzureFilter(text, caseSensitive);
        Expression expression = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return expression;
    }

    private Expression or() {
        Expression left = and();
        while (keyword("or")) {
            Expression l = left;
            Expression r = and();
            left = s -> l.test(s) || r.test(s);
        }
        return left;
    }

    private Expression and() {
        Expression left = primary();
        while (keyword("and")) {
            Expression l = left;
            Expression r = primary();
            left = s -> l.test(s) && r.test(s);
        }
        return left;
    }

    private Expression primary() {
        if (position >= tokens.size()) {
            throw error("expression expected at end of filter");
        }
        String token = tokens.get(position++);
        if (token.equals("(")) {
            Expression inner = or();
            if (position >= tokens.size() || !tokens.get(position++).equals(")")) {
                throw error("')' expected");
            }
            return inner;
        }
        String field = FIELDS.get(token.toLowerCase(Locale.ROOT));
        if (field == null) {
            throw error("unsupported field '" + token + "' (supported: " + FIELDS.values() + ")");
        }
        if (!keyword("eq")) {
            throw error("'eq' expected after " + token);
        }
        if (position >= tokens.size() || !tokens.get(position).startsWith("'")) {
            throw error("quoted value expected after " + token + " eq");
        }
        String literal = tokens.get(position++);
        String value = literal.substring(1, literal.length() - 1).replace("''", "'");
        return caseSensitive ? s -> value.equals(s.apply(field)) : s -> value.equalsIgnoreCase(s.apply(field));
    }

    private boolean keyword(String word) {
        if (position < tokens.size() && tokens.get(position).equalsIgnoreCase(word)) {
            position++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Invalid $filter '" + text + "': " + what + " (token " + (position) + ")");
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new IllegalArgumentException("Invalid $filter '" + text + "': unterminated string at " + i);
                    }
                    if (text.charAt(j) == '\'') {
                        if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                tokens.add(text.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length() && !Character.isWhitespace(text.charAt(j)) && "()'".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            }
        }
        return tokens;
    }
}
