package io.pricestream.cli.config;

import java.util.concurrent.Callable;

import io.pricestream.cli.error.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pricestream config docs}: the README's config tables, generated from the declarations. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = "Print every config key of every component as Markdown tables (the README's config section).")
public final class DocsConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigDocs.markdown());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
