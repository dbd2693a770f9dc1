package io.pricestream.cli.config;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.InvalidConfigException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every verb shares to find its configuration ({@code --config}, {@code --set}), and the
 * steps from them to validated, typed component configs. Mixed into each verb.
 */
public final class ConfigOptions {

    /** Read when {@code --config} is not given and the file exists in the working directory. */
    public static final String DEFAULT_FILE = "pricestream.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigOptions.class);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Config file (YAML). Default: ./" + DEFAULT_FILE + " if it exists.")
    private Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set any config key, e.g. --set local.kafka.port=0. Repeatable; beats env and file.")
    private Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Merges file, environment and flags. {@code flagValues} are the verb's own typed flags by key (null
     * values = flag not given); they win over {@code --set}. Unknown file keys are warned about on stderr.
     */
    public LoadedConfig load(Map<String, String> flagValues) {
        PricestreamCommand root = (PricestreamCommand) mixee.root().userObject();
        Map<String, String> flags = new LinkedHashMap<>(settings);
        flagValues.forEach((key, value) -> {
            if (value != null) {
                flags.put(key, value);
            }
        });
        Optional<Path> file = Optional.ofNullable(configFile).map(root.workingDirectory()::resolve)
                .or(() -> Optional.of(root.workingDirectory().resolve(DEFAULT_FILE)).filter(Files::isRegularFile));
        LoadedConfig loaded = new PricestreamConfigLoader(root.environment()).load(file, flags);
        if (!loaded.unknownKeys().isEmpty()) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("warning: " + file.orElseThrow() + " sets unknown key" + (loaded.unknownKeys().size() == 1 ? " " : "s ")
                    + String.join(", ", loaded.unknownKeys()) + " (ignored; typo? `pricestream config docs` lists every key)");
            err.flush();
        }
        file.ifPresent(path -> LOG.info("Read config file '{}'", path));
        return loaded;
    }

    /**
     * Validates the settings against every given declaration at once, so one run reports every problem of
     * every component the verb uses, before anything starts.
     */
    public static void validate(LoadedConfig config, ConfigDef... definitions) {
        List<InvalidConfigException.Problem> problems = new ArrayList<>();
        for (ConfigDef definition : definitions) {
            try {
                ComponentConfig.checked(definition, config.values());
            } catch (InvalidConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** Builds one component's typed config and logs it, secrets masked. */
    public static <T extends ComponentConfig> T typed(LoadedConfig config, String component,
                                                      Function<Map<String, String>, T> factory) {
        T typed = factory.apply(config.values());
        logEffective(component, typed);
        return typed;
    }

    /** Logs a component's effective config at start-up, secrets masked ({@link ComponentConfig#describe()}). */
    public static void logEffective(String component, ComponentConfig config) {
        LOG.info("Effective {} config: {}", component, config.describe());
    }
}
