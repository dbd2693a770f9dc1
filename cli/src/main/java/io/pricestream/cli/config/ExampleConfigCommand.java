package io.pricestream.cli.config;

import java.util.concurrent.Callable;

import io.pricestream.cli.error.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pricestream config example}: a commented config file documenting every key. */
@Command(name = "example", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Print a pricestream.yaml documenting every key at its default (the repository's pricestream.yaml.example).")
public final class ExampleConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigDocs.yamlExample());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
