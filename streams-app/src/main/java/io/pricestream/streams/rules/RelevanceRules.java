package io.pricestream.streams.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The compiled relevance rules: a price is relevant when it matches at least one include rule and no
 * exclude rule.
 *
 * <p>Runs on every raw record, so rules are grouped by CSP once at load time: a price is only tested
 * against the rules that can apply to its CSP. Immutable and thread-safe.
 */
public final class RelevanceRules {

    private static final Rule[] NONE = new Rule[0];

    private final String source;
    private final List<Rule> include;
    private final List<Rule> exclude;
    private final Map<String, Rule[]> includeByCsp;
    private final Map<String, Rule[]> excludeByCsp;
    private final Rule[] includeAnyCsp;
    private final Rule[] excludeAnyCsp;

    RelevanceRules(String source, List<Rule> include, List<Rule> exclude) {
        this.source = source;
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
        this.includeByCsp = byCsp(include);
        this.excludeByCsp = byCsp(exclude);
        this.includeAnyCsp = withoutCsp(include);
        this.excludeAnyCsp = withoutCsp(exclude);
    }

    /** Whether the pipeline keeps {@code price}. */
    public boolean isRelevant(SkuPrice price) {
        return firstMatch(rulesFor(includeByCsp, includeAnyCsp, price), price) != null
                && firstMatch(rulesFor(excludeByCsp, excludeAnyCsp, price), price) == null;
    }

    /** The first include rule that matches, or null: for reports and logs. */
    public Rule matchingInclude(SkuPrice price) {
        return firstMatch(rulesFor(includeByCsp, includeAnyCsp, price), price);
    }

    /** The first exclude rule that matches, or null. */
    public Rule matchingExclude(SkuPrice price) {
        return firstMatch(rulesFor(excludeByCsp, excludeAnyCsp, price), price);
    }

    public List<Rule> includeRules() {
        return include;
    }

    public List<Rule> excludeRules() {
        return exclude;
    }

    /** Every price field the rules read: the csp (rules are grouped by it) and each field some rule tests. */
    public Set<PriceField> fieldsRead() {
        Set<PriceField> fields = EnumSet.of(PriceField.CSP);
        for (Rule rule : allRules()) {
            rule.fields().forEach(field -> fields.add(field.getKey()));
        }
        return fields;
    }

    /** Every attribute key some rule tests. */
    public Set<String> attributesRead() {
        Set<String> keys = new HashSet<>();
        for (Rule rule : allRules()) {
            rule.attributes().forEach(attribute -> keys.add(attribute.getKey()));
        }
        return keys;
    }

    /** The include rules, then the exclude rules. */
    List<Rule> allRules() {
        List<Rule> all = new ArrayList<>(include);
        all.addAll(exclude);
        return all;
    }

    /** Where the rules were loaded from (a path or a classpath resource). */
    public String source() {
        return source;
    }

    private static Rule firstMatch(Rule[] rules, SkuPrice price) {
        for (Rule rule : rules) {
            if (rule.matches(price)) {
                return rule;
            }
        }
        return null;
    }

    private static Rule[] rulesFor(Map<String, Rule[]> byCsp, Rule[] anyCsp, SkuPrice price) {
        return forCsp(byCsp, anyCsp, price.getCsp());
    }

    /**
     * The entry of {@code byCsp} for {@code csp} as written or lower-cased; {@code anyCsp} for a missing or unknown
     * CSP. How {@link RuleIndex} groups its compiled rules too.
     */
    static <T> T forCsp(Map<String, T> byCsp, T anyCsp, String csp) {
        if (csp == null) {
            return anyCsp;
        }
        T entry = byCsp.get(csp);
        return entry != null ? entry : byCsp.getOrDefault(csp.toLowerCase(Locale.ROOT), anyCsp);
    }

    /**
     * The rules, in file order, that can match a price of {@code csp}: those limited to it and those with no plain
     * csp list; with {@code csp} null, only the latter (what an unknown CSP gets).
     */
    static List<Rule> applicableTo(String csp, List<Rule> rules) {
        return rules.stream().filter(rule -> rule.csps().isEmpty() || csp != null && rule.csps().contains(csp)).toList();
    }

    /** For each known CSP, {@link #applicableTo} it. */
    private static Map<String, Rule[]> byCsp(List<Rule> rules) {
        Map<String, Rule[]> byCsp = new HashMap<>();
        for (String csp : Topics.CSPS) {
            byCsp.put(csp, applicableTo(csp, rules).toArray(NONE));
        }
        return Map.copyOf(byCsp);
    }

    private static Rule[] withoutCsp(List<Rule> rules) {
        return applicableTo(null, rules).toArray(NONE);
    }
}
