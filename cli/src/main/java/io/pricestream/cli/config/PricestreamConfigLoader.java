package io.pricestream.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.ConfigException;

import io.pricestream.schemas.config.ComponentConfig;

/**
 * Merges the three places a setting can come from: the config file, then environment variables, then
 * command-line flags, each overriding the one before (flag &gt; env &gt; file &gt; declared default).
 *
 * <p>Only keys some component declares are looked up in the environment ({@link ComponentConfig#envName}),
 * so stray {@code PRICESTREAM_*} variables change nothing. Unknown keys in the file are kept out of the
 * result and reported, because a misspelt key silently falling back to its default is the worst kind of
 * config bug; an unknown key given as a flag is refused outright. The Kafka client pass-through keys
 * ({@code kafka.*}, {@code <component>.kafka.*}, see {@link KafkaOverrideKeys}) are accepted from all three places
 * without being declared; the components refuse the ones they must own when they start.
 */
public final class PricestreamConfigLoader {

    private final Map<String, String> environment;
    private final Set<String> knownKeys;

    /** @param environment the process environment ({@code System.getenv()}); injectable so tests never touch the real one */
    public PricestreamConfigLoader(Map<String, String> environment) {
        this(environment, ComponentCatalog.knownKeys());
    }

    PricestreamConfigLoader(Map<String, String> environment, Set<String> knownKeys) {
        this.environment = Map.copyOf(environment);
        this.knownKeys = Set.copyOf(knownKeys);
    }

    /**
     * @param file  the config file to read, if any (it must exist when given)
     * @param flags settings given on the command line, by key
     */
    public LoadedConfig load(Optional<Path> file, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, ConfigSource> sources = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();

        file.ifPresent(path -> YamlConfigFile.read(path).forEach((key, value) -> {
            if (accepted(key)) {
                put(values, sources, key, value, ConfigSource.FILE);
            } else {
                unknown.add(key);
            }
        }));
        for (String key : knownKeys) {
            String value = environment.get(ComponentConfig.envName(key));
            // An exported-but-empty variable reads as "not set", as in most shells' ${VAR:-default}.
            if (value != null && !value.isBlank()) {
                put(values, sources, key, value, ConfigSource.ENV);
            }
        }
        KafkaOverrideKeys.fromEnvironment(environment, knownKeys)
                .forEach((key, value) -> put(values, sources, key, value, ConfigSource.ENV));
        List<String> unknownFlags = new ArrayList<>();
        flags.forEach((key, value) -> {
            if (!accepted(key)) {
                unknownFlags.add(key);
            } else if (value != null) {
                put(values, sources, key, value, ConfigSource.FLAG);
            }
        });
        if (!unknownFlags.isEmpty()) {
            throw new ConfigException("Unknown config key" + (unknownFlags.size() == 1 ? " " : "s ") + unknownFlags
                    + " given with --set; `pricestream config docs` lists every key");
        }
        return new LoadedConfig(values, sources, file, unknown);
    }

    private boolean accepted(String key) {
        return knownKeys.contains(key) || KafkaOverrideKeys.matches(key);
    }

    private static void put(Map<String, String> values, Map<String, ConfigSource> sources, String key, String value,
                             ConfigSource source) {
        values.put(key, value);
        sources.put(key, source);
    }
}
