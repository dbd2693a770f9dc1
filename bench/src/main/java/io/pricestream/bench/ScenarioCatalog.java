package io.pricestream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.pricestream.bench.limits.ConsumeLimitScenario;
import io.pricestream.bench.limits.CopyLimitScenario;
import io.pricestream.bench.limits.ParseLimitScenario;
import io.pricestream.bench.limits.PublishLimitScenario;
import io.pricestream.bench.pipeline.FullRefreshScenario;
import io.pricestream.bench.sink.SinkScenario;

/** Every scenario {@code BenchMain} knows, by command-line name. */
public final class ScenarioCatalog {

    private static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put(SinkScenario.NAME, SinkScenario::new);
        SCENARIOS.put(ParseLimitScenario.NAME, ParseLimitScenario::new);
        SCENARIOS.put(PublishLimitScenario.NAME, PublishLimitScenario::new);
        SCENARIOS.put(ConsumeLimitScenario.NAME, ConsumeLimitScenario::new);
        SCENARIOS.put(CopyLimitScenario.NAME, CopyLimitScenario::new);
        SCENARIOS.put(FullRefreshScenario.NAME, FullRefreshScenario::new);
    }

    private ScenarioCatalog() {
    }

    public static List<String> names() {
        return List.copyOf(SCENARIOS.keySet());
    }

    /** The scenarios named, in the order given; an unknown name fails naming every known one. */
    public static List<Scenario> resolve(List<String> names) {
        return names.stream().map(name -> {
            Supplier<Scenario> scenario = SCENARIOS.get(name);
            if (scenario == null) {
                throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
            }
            return scenario.get();
        }).toList();
    }
}
