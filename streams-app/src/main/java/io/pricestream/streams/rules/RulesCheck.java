package io.pricestream.streams.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * What {@code pricestream rules check FILE} reports: whether a rules file is valid and how the rules act on
 * a stream of prices.
 *
 * <p>Use: {@code RulesCheck.of(path)} (throws {@link RulesFileException} when the file is invalid), then
 * {@link #accept(SkuPrice)} for each price and {@link #report()} at the end. Not thread-safe.
 */
public final class RulesCheck {

    /**
     * The result for one rule.
     *
     * @param matched how many prices the rule matched
     * @param decided how many prices it decided: for an include rule, prices it was the first match of and
     *                that no exclude rule removed (it kept them); for an exclude rule, prices it was the first
     *                exclude match of among those an include rule matched (it removed them)
     */
    public record RuleCount(String name, Rule.Action action, long matched, long decided) {
    }

    /** Totals and per-rule counts, rules in file order (includes first). */
    public record Report(String source, long prices, long kept, List<RuleCount> rules) {
    }

    private final RelevanceRules rules;
    private final long[][] includeCounts;
    private final long[][] excludeCounts;
    private long prices;
    private long kept;

    public RulesCheck(RelevanceRules rules) {
        this.rules = rules;
        this.includeCounts = new long[rules.includeRules().size()][2];
        this.excludeCounts = new long[rules.excludeRules().size()][2];
    }

    /** Loads and validates {@code file}; a {@link RulesFileException} names the problem and its line. */
    public static RulesCheck of(Path file) {
        return new RulesCheck(RulesFile.load(file));
    }

    public RelevanceRules rules() {
        return rules;
    }

    public void accept(SkuPrice price) {
        prices++;
        int firstInclude = countMatches(rules.includeRules(), includeCounts, price);
        int firstExclude = countMatches(rules.excludeRules(), excludeCounts, price);
        if (firstInclude < 0) {
            return;
        }
        if (firstExclude < 0) {
            includeCounts[firstInclude][1]++;
            kept++;
        } else {
            excludeCounts[firstExclude][1]++;
        }
    }

    /** Counts every rule that matches {@code price}; returns the index of the first, or -1. */
    private static int countMatches(List<Rule> list, long[][] counts, SkuPrice price) {
        int first = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).matches(price)) {
                counts[i][0]++;
                first = first < 0 ? i : first;
            }
        }
        return first;
    }

    public void acceptAll(Iterable<SkuPrice> prices) {
        prices.forEach(this::accept);
    }

    public Report report() {
        List<RuleCount> result = new ArrayList<>();
        for (int i = 0; i < includeCounts.length; i++) {
            Rule rule = rules.includeRules().get(i);
            result.add(new RuleCount(rule.name(), rule.action(), includeCounts[i][0], includeCounts[i][1]));
        }
        for (int i = 0; i < excludeCounts.length; i++) {
            Rule rule = rules.excludeRules().get(i);
            result.add(new RuleCount(rule.name(), rule.action(), excludeCounts[i][0], excludeCounts[i][1]));
        }
        return new Report(rules.source(), prices, kept, List.copyOf(result));
    }
}
