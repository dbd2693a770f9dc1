package io.pricestream.cli.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import io.pricestream.cspsim.CspSimConfig;

/**
 * The {@code sim.*} keys of the CSP simulator, so the config file, the environment and the docs know them.
 *
 * <p>csp-sim validates its own configuration ({@link CspSimConfig#fromMap}) rather than through a
 * {@code ConfigDef}; this declaration only names its keys, taking the names and defaults from csp-sim's
 * own defaults so they cannot drift. Values are passed to csp-sim as text and validated there.
 */
public final class CspSimKeys {

    public static final ConfigDef CONFIG_DEF = declare();

    private CspSimKeys() {
    }

    private static ConfigDef declare() {
        ConfigDef definition = new ConfigDef();
        CspSimConfig defaults = CspSimConfig.builder().build();
        defaults.describe().forEach((key, value) -> {
            // describe() masks the simulator's API key; the real default is a public test value, not a secret.
            Object shown = CspSimConfig.GCP_API_KEY.equals(key) ? defaults.gcpApiKey() : value;
            definition.define(key, Type.STRING, String.valueOf(shown), Importance.LOW,
                    "csp-sim setting, validated by csp-sim; meaning and valid values in csp-sim/README.md.");
        });
        return definition;
    }
}
