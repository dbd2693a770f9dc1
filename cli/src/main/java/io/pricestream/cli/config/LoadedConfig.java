package io.pricestream.cli.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged settings of one invocation: every key that was set, as text, with where it came from.
 * Keys not set here take their component's declared default when the typed config is built.
 *
 * @param values      the effective value of each key set in the file, the environment or a flag
 * @param sources     where each of those values came from
 * @param file        the config file read, if any
 * @param unknownKeys keys in the file that no component declares (most likely typos)
 */
public record LoadedConfig(Map<String, String> values, Map<String, ConfigSource> sources, Optional<Path> file,
                           List<String> unknownKeys) {

    public LoadedConfig {
        values = Map.copyOf(values);
        sources = Map.copyOf(sources);
        unknownKeys = List.copyOf(unknownKeys);
    }

    public ConfigSource sourceOf(String key) {
        return sources.getOrDefault(key, ConfigSource.DEFAULT);
    }
}
