package io.pricestream.schemas.config;

import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;

/** Renders a {@link ConfigDef} as the Markdown table the READMEs carry, so the docs come from the declaration. */
public final class ConfigTable {

    private ConfigTable() {
    }

    public static String markdown(ConfigDef definition) {
        String header = "| key | env | type | default | description |\n| --- | --- | --- | --- | --- |\n";
        return header + definition.configKeys().values().stream()
                .map(key -> "| `" + key.name + "` | `" + ComponentConfig.envName(key.name) + "` | "
                        + key.type.name().toLowerCase(java.util.Locale.ROOT) + " | "
                        + defaultCell(key)
                        + " | " + (key.documentation == null ? "" : key.documentation.replace("|", "\\|").replace('\n', ' '))
                        + (key.validator == null ? "" : " Valid: " + key.validator.toString().replace("|", "\\|") + ".")
                        + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }

    // A key declared with a null default is optional and means "not set", which the table says in words.
    private static String defaultCell(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        return key.defaultValue == null ? "unset" : "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }
}
