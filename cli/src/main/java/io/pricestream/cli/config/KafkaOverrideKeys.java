package io.pricestream.cli.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.config.SecretProperties;

/**
 * The Kafka client pass-through keys ({@code kafka.security.protocol}, {@code sink.kafka.sasl.jaas.config}, ...): they
 * are not declared one by one, so the config loader accepts any key under one of these prefixes
 * ({@link io.pricestream.schemas.config.KafkaClientOverrides}) and finds their environment variables by scanning for
 * the prefixes' variable names ({@code PRICESTREAM_KAFKA_*}, {@code PRICESTREAM_SINK_KAFKA_*}). A variable maps back by
 * lower-casing and turning {@code _} into {@code .}: Kafka's client property names contain no underscores.
 */
public final class KafkaOverrideKeys {

    private static final List<String> PREFIXES = Stream.concat(Stream.of(KafkaClientScope.SHARED_PREFIX),
            ComponentCatalog.kafkaScopes().stream().flatMap(scope -> scope.componentPrefix().stream())).distinct().toList();

    private KafkaOverrideKeys() {
    }

    /** {@code kafka.} and each component's {@code <component>.kafka.}. */
    public static List<String> prefixes() {
        return PREFIXES;
    }

    /** True when {@code key} is a pass-through key: one of the prefixes followed by a property name. */
    public static boolean matches(String key) {
        return PREFIXES.stream().anyMatch(prefix -> key.startsWith(prefix) && key.length() > prefix.length());
    }

    /**
     * The pass-through keys set in {@code environment}, by key; blank values count as unset and keys some component
     * declares ({@code kafka.bootstrap.servers}) are left to the declared-key lookup.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment, Set<String> declared) {
        Map<String, String> found = new TreeMap<>();
        environment.forEach((name, value) -> {
            for (String prefix : PREFIXES) {
                String envPrefix = ComponentConfig.envName(prefix.substring(0, prefix.length() - 1)) + "_";
                if (name.startsWith(envPrefix) && name.length() > envPrefix.length() && value != null && !value.isBlank()) {
                    String key = prefix + name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                    if (!declared.contains(key)) {
                        found.put(key, value);
                    }
                }
            }
        });
        return found;
    }

    /** {@code value} as {@code config show} may print it: masked when the key's property is a secret. */
    public static String shown(String key, String value) {
        String property = PREFIXES.stream().filter(key::startsWith).map(prefix -> key.substring(prefix.length()))
                .reduce((first, second) -> second.length() < first.length() ? second : first).orElse(key);
        return SecretProperties.shown(property, value);
    }
}
