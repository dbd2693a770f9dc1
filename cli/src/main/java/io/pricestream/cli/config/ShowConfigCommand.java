package io.pricestream.cli.config;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import io.pricestream.cli.error.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pricestream config show}: every key's effective value and where it came from, secrets masked. */
@Command(name = "show", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Print every key's effective value and its source (flag, env, file, default); passwords masked.")
public final class ShowConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Override
    public Integer call() {
        LoadedConfig config = configOptions.load(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        config.file().ifPresent(file -> out.println("# config file: " + file));
        ComponentCatalog.declarations().forEach((name, key) -> {
            String value = config.values().containsKey(name) ? config.values().get(name)
                    : key.hasDefault() ? ConfigDef.convertToString(key.defaultValue, key.type) : null;
            if (value != null && key.type == ConfigDef.Type.PASSWORD) {
                value = Password.HIDDEN;
            }
            out.println(name + " = " + (value == null ? "(unset)" : value) + "  # " + config.sourceOf(name).name().toLowerCase(java.util.Locale.ROOT));
        });
        // Kafka client pass-through keys are not declared: only those set are shown, secrets masked.
        new java.util.TreeMap<>(config.values()).forEach((name, value) -> {
            if (!ComponentCatalog.declarations().containsKey(name) && KafkaOverrideKeys.matches(name)) {
                out.println(name + " = " + KafkaOverrideKeys.shown(name, value) + "  # "
                        + config.sourceOf(name).name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        out.flush();
        return ExitCodes.OK;
    }
}
