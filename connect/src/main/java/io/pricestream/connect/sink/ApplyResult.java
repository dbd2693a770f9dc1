package io.pricestream.connect.sink;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many observations of one applied batch had each {@link Outcome}. */
public record ApplyResult(Map<Outcome, Integer> counts) {

    public ApplyResult {
        EnumMap<Outcome, Integer> all = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            all.put(outcome, counts.getOrDefault(outcome, 0));
        }
        counts = Collections.unmodifiableMap(all);
    }

    public int count(Outcome outcome) {
        return counts.get(outcome);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
