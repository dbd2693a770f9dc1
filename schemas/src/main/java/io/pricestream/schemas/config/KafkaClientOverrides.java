package io.pricestream.schemas.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.config.types.Password;

/**
 * The Kafka client properties an operator gave one component, for TLS, SASL and any other client setting
 * pricestream has no key of its own for.
 *
 * <p>Every setting {@code kafka.<property>} (all components) and {@code <component>.kafka.<property>} (that
 * component only; it wins) is passed, prefix stripped, to every Kafka client the component creates: producers,
 * consumers, admin clients, Kafka Streams, the Debezium offset store. So {@code kafka.security.protocol=SASL_SSL}
 * becomes {@code security.protocol=SASL_SSL}. {@code kafka.bootstrap.servers} is the shared bootstrap key, not
 * a pass-through. A property the component owns ({@link KafkaClientScope#owned()}) is refused with the key that
 * tried to set it. Secret values ({@link SecretProperties}) never appear in {@link #toString()} or
 * {@link #describe()}.
 */
public final class KafkaClientOverrides {

    /** No overrides. */
    public static final KafkaClientOverrides NONE = new KafkaClientOverrides(Map.of());

    /** One override: the setting it came from and its value. */
    private record Setting(String sourceKey, String value) {
    }

    private final Map<String, Setting> byProperty;

    private KafkaClientOverrides(Map<String, Setting> byProperty) {
        this.byProperty = Collections.unmodifiableMap(new TreeMap<>(byProperty));
    }

    /**
     * Extracts the overrides of {@code scope} from a component's raw settings.
     *
     * @throws InvalidConfigException naming every setting that overrides an owned property, or names no property
     */
    public static KafkaClientOverrides extract(Map<String, ?> settings, KafkaClientScope scope) {
        List<InvalidConfigException.Problem> problems = problems(settings, scope);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        Map<String, Setting> found = new TreeMap<>();
        collect(settings, KafkaClientScope.SHARED_PREFIX, found);
        scope.componentPrefix().ifPresent(prefix -> collect(settings, prefix, found));
        return new KafkaClientOverrides(found);
    }

    /** What is wrong with the overrides of {@code scope} in {@code settings}; empty when they can be used. */
    public static List<InvalidConfigException.Problem> problems(Map<String, ?> settings, KafkaClientScope scope) {
        List<InvalidConfigException.Problem> problems = new ArrayList<>();
        List<String> prefixes = new ArrayList<>(List.of(KafkaClientScope.SHARED_PREFIX));
        scope.componentPrefix().ifPresent(prefixes::add);
        for (String prefix : prefixes) {
            // Checked prefix by prefix: a refused shared key is reported even when the component's own key replaces it.
            Map<String, Setting> found = new TreeMap<>();
            collect(settings, prefix, found);
            found.forEach((property, setting) -> {
                String shown = SecretProperties.shown(property, setting.value());
                if (property.isEmpty() || property.startsWith(".") || property.endsWith(".")) {
                    problems.add(new InvalidConfigException.Problem(setting.sourceKey(), shown,
                            "not a Kafka client property after the prefix"));
                } else if (scope.owned().containsKey(property)) {
                    problems.add(new InvalidConfigException.Problem(setting.sourceKey(), shown,
                            "pricestream sets Kafka's " + property + " itself and it cannot be overridden: " + scope.owned().get(property)));
                }
            });
        }
        return problems;
    }

    /** Overrides nothing. */
    public boolean isEmpty() {
        return byProperty.isEmpty();
    }

    /** Property → value, prefixes stripped, secrets in clear: for building clients only, never for logs. */
    public Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        byProperty.forEach((property, override) -> properties.put(property, override.value()));
        return properties;
    }

    /**
     * Puts every override into a client's properties (a {@link java.util.Properties} or a map), replacing what the
     * component set as its default. Owned properties were refused up front, so nothing the component relies on
     * is replaced.
     */
    public <M extends Map<? super String, ? super String>> M applyTo(M clientProperties) {
        byProperty.forEach((property, override) -> clientProperties.put(property, override.value()));
        return clientProperties;
    }

    /** Setting (as the operator wrote it) → value, secrets masked: safe to log. */
    public Map<String, String> describe() {
        Map<String, String> shown = new TreeMap<>();
        byProperty.forEach((property, override) -> shown.put(override.sourceKey(), SecretProperties.shown(property, override.value())));
        return shown;
    }

    /** Secrets masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        byProperty.forEach((property, override) -> shown.put(property, SecretProperties.shown(property, override.value())));
        return "KafkaClientOverrides" + shown;
    }

    // Later calls replace earlier ones: the component prefix is collected after the shared one.
    private static void collect(Map<String, ?> settings, String prefix, Map<String, Setting> into) {
        settings.forEach((key, value) -> {
            if (value != null && key.startsWith(prefix) && !key.equals(KafkaClientScope.SHARED_BOOTSTRAP_SERVERS_KEY)) {
                into.put(key.substring(prefix.length()), new Setting(key, value instanceof Password p ? p.value() : String.valueOf(value)));
            }
        });
    }
}
