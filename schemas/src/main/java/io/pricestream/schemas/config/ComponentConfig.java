package io.pricestream.schemas.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * Base of every component's typed configuration.
 *
 * <p>Each component declares its keys once in a {@link ConfigDef} (type, default, validator, doc); this
 * class validates a whole map against it before anything connects, and fails once with every problem
 * (key, value, reason) instead of stopping at the first. Keys are lower-case and dotted
 * ({@code sink.batch.max.records}); {@link #envName(String)} gives the environment variable for a key.
 */
public abstract class ComponentConfig extends AbstractConfig {

    private final KafkaClientOverrides kafkaOverrides;

    protected ComponentConfig(ConfigDef definition, Map<String, ?> originals) {
        super(definition, checked(definition, originals), false);
        this.kafkaOverrides = KafkaClientOverrides.NONE;
    }

    /**
     * For a component that creates Kafka clients: also reads the pass-through client properties of {@code scope}
     * ({@code kafka.*}, {@code <component>.kafka.*}), refusing overrides of properties the component owns in the
     * same exception as the other problems.
     */
    protected ComponentConfig(ConfigDef definition, Map<String, ?> originals, KafkaClientScope scope) {
        super(definition, checked(definition, originals, KafkaClientOverrides.problems(originals, scope)), false);
        this.kafkaOverrides = KafkaClientOverrides.extract(originals, scope);
    }

    /** Validates {@code originals} against {@code definition}, throwing one exception naming every bad key. */
    public static Map<String, ?> checked(ConfigDef definition, Map<String, ?> originals) {
        return checked(definition, originals, List.of());
    }

    private static Map<String, ?> checked(ConfigDef definition, Map<String, ?> originals, List<InvalidConfigException.Problem> more) {
        Map<String, String> asStrings = new LinkedHashMap<>();
        originals.forEach((key, value) -> {
            if (value != null) {
                asStrings.put(key, value instanceof Password p ? p.value() : String.valueOf(value));
            }
        });
        List<InvalidConfigException.Problem> problems = new ArrayList<>(more);
        for (ConfigValue result : definition.validateAll(asStrings).values()) {
            for (String message : result.errorMessages()) {
                Object shown = definition.configKeys().containsKey(result.name())
                        && definition.configKeys().get(result.name()).type == ConfigDef.Type.PASSWORD
                        ? Password.HIDDEN : asStrings.get(result.name());
                problems.add(new InvalidConfigException.Problem(result.name(), shown, message));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return originals;
    }

    /** The environment variable that sets {@code key}: {@code sink.batch.max.records} → {@code PRICESTREAM_SINK_BATCH_MAX_RECORDS}. */
    public static String envName(String key) {
        return "PRICESTREAM_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The Kafka client properties passed through to every client this component creates; none for a component
     * constructed without a {@link KafkaClientScope}.
     */
    public KafkaClientOverrides kafkaOverrides() {
        return kafkaOverrides;
    }

    /** The effective configuration, sorted, with passwords and secret Kafka client overrides masked: safe to log at start-up. */
    public Map<String, String> describe() {
        Map<String, String> shown = new TreeMap<>();
        values().forEach((key, value) -> shown.put(key, value instanceof Password ? Password.HIDDEN : String.valueOf(value)));
        shown.putAll(kafkaOverrides.describe());
        return shown;
    }
}
