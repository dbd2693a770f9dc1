package io.pricestream.cspsim.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fault knobs of the simulated APIs. Rates are shares of data requests in {@code [0, 1]}.
 *
 * @param seed             seed of the per-request decisions
 * @param throttleRate     share answered 429 with {@code Retry-After}
 * @param retryAfterSeconds value of {@code Retry-After}
 * @param errorRate        share answered with a 5xx
 * @param slowRate         share delayed by {@code slowDelayMs} before the response starts
 * @param slowDelayMs      delay of slow responses
 * @param truncateRate     share whose body is cut (connection closed mid-body)
 * @param htmlRate         share answered 200 with an HTML error page
 * @param pageLoopRate     share of paged responses whose next link points back to the same page
 */
public record FaultConfig(long seed, double throttleRate, int retryAfterSeconds, double errorRate, double slowRate,
                          int slowDelayMs, double truncateRate, double htmlRate, double pageLoopRate) {

    /** Key prefix of the fault knobs in {@code CspSimConfig}. */
    public static final String PREFIX = "sim.fault.";

    /** No faults. */
    public static final FaultConfig NONE = new FaultConfig(1, 0, 1, 0, 0, 0, 0, 0, 0);

    /** Whether any request may be faulted: some rate above 0. */
    public boolean injectsFaults() {
        return throttleRate > 0 || errorRate > 0 || slowRate > 0 || truncateRate > 0 || htmlRate > 0 || pageLoopRate > 0;
    }

    /** Knob names (without {@link #PREFIX}) in documentation order. */
    public static final List<String> KNOBS = List.of("seed", "throttle.rate", "throttle.retry.after.s", "error.rate",
            "slow.rate", "slow.delay.ms", "truncate.rate", "html.rate", "page.loop.rate");

    /** Problems of this config, each naming its full key; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        rate(problems, "throttle.rate", throttleRate);
        rate(problems, "error.rate", errorRate);
        rate(problems, "slow.rate", slowRate);
        rate(problems, "truncate.rate", truncateRate);
        rate(problems, "html.rate", htmlRate);
        rate(problems, "page.loop.rate", pageLoopRate);
        if (retryAfterSeconds < 0) {
            problems.add(PREFIX + "throttle.retry.after.s=" + retryAfterSeconds + ": must be >= 0");
        }
        if (slowDelayMs < 0) {
            problems.add(PREFIX + "slow.delay.ms=" + slowDelayMs + ": must be >= 0");
        }
        return problems;
    }

    /** The knobs as {@code knob → value} (knob names without prefix). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("seed", seed);
        map.put("throttle.rate", throttleRate);
        map.put("throttle.retry.after.s", retryAfterSeconds);
        map.put("error.rate", errorRate);
        map.put("slow.rate", slowRate);
        map.put("slow.delay.ms", slowDelayMs);
        map.put("truncate.rate", truncateRate);
        map.put("html.rate", htmlRate);
        map.put("page.loop.rate", pageLoopRate);
        return map;
    }

    /**
     * Parses knobs given as {@code knob → text} (names with or without {@link #PREFIX}); absent knobs
     * take their value from {@code defaults}. Throws {@link IllegalArgumentException} listing every
     * bad key.
     */
    public static FaultConfig parse(Map<String, String> values, FaultConfig defaults) {
        Map<String, String> knobs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        values.forEach((key, value) -> {
            String knob = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            if (KNOBS.contains(knob)) {
                knobs.put(knob, value);
            } else {
                problems.add(PREFIX + knob + ": unknown fault knob, expected one of " + KNOBS);
            }
        });
        FaultConfig parsed = new FaultConfig(
                longValue(knobs, "seed", defaults.seed, problems),
                doubleValue(knobs, "throttle.rate", defaults.throttleRate, problems),
                intValue(knobs, "throttle.retry.after.s", defaults.retryAfterSeconds, problems),
                doubleValue(knobs, "error.rate", defaults.errorRate, problems),
                doubleValue(knobs, "slow.rate", defaults.slowRate, problems),
                intValue(knobs, "slow.delay.ms", defaults.slowDelayMs, problems),
                doubleValue(knobs, "truncate.rate", defaults.truncateRate, problems),
                doubleValue(knobs, "html.rate", defaults.htmlRate, problems),
                doubleValue(knobs, "page.loop.rate", defaults.pageLoopRate, problems));
        problems.addAll(parsed.problems());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return parsed;
    }

    private static void rate(List<String> problems, String knob, double value) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(PREFIX + knob + "=" + value + ": must be within [0, 1]");
        }
    }

    private static long longValue(Map<String, String> knobs, String knob, long fallback, List<String> problems) {
        return value(knobs, knob, fallback, Long::parseLong, "not an integer", problems);
    }

    private static int intValue(Map<String, String> knobs, String knob, int fallback, List<String> problems) {
        return value(knobs, knob, fallback, Integer::parseInt, "not an integer", problems);
    }

    private static double doubleValue(Map<String, String> knobs, String knob, double fallback, List<String> problems) {
        return value(knobs, knob, fallback, Double::parseDouble, "not a number", problems);
    }

    /** The knob parsed, or {@code fallback} when it is absent or (with a problem noted) unparseable. */
    private static <T> T value(Map<String, String> knobs, String knob, T fallback, Function<String, T> parse, String unparseable,
                               List<String> problems) {
        String text = knobs.get(knob);
        try {
            return text == null ? fallback : parse.apply(text.trim());
        } catch (NumberFormatException e) {
            problems.add(PREFIX + knob + "='" + text + "': " + unparseable);
            return fallback;
        }
    }
}
