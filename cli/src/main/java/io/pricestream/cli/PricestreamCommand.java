package io.pricestream.cli;

import java.nio.file.Path;
import java.util.Map;

import io.pricestream.cli.config.ConfigCommand;
import io.pricestream.cli.cspsim.RunCspSimCommand;
import io.pricestream.cli.db.DbCommand;
import io.pricestream.cli.error.Endpoints;
import io.pricestream.cli.error.ExitCodeErrorHandler;
import io.pricestream.cli.scrape.ScrapeCommand;
import io.pricestream.cli.stack.RunStackCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pricestream} command: one verb per component, all configured the same way (config file,
 * {@code PRICESTREAM_*} environment variables, flags) and failing the same way (exit codes, one line
 * naming the endpoint that cannot be reached).
 *
 * <p>The environment and working directory are held here rather than read from the process, so tests
 * can drive every verb through {@link #commandLine(Map, Path)} without touching the real environment.
 */
@Command(name = "pricestream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps cloud prices (AWS, Azure, GCP) current in Kafka and PostgreSQL, with history and change events.",
        subcommands = {
            RunStackCommand.class,
            DbCommand.class,
            ScrapeCommand.class,
            RunCspSimCommand.class,
            ConfigCommand.class,
            io.pricestream.cli.streams.StreamsCommand.class,
            io.pricestream.cli.rules.RulesCommand.class,
            io.pricestream.cli.sink.SinkCommand.class,
            io.pricestream.cli.cdc.CdcCommand.class,
            io.pricestream.cli.watch.WatchCommand.class,
            io.pricestream.cli.price.PriceCommand.class,
            io.pricestream.cli.export.ExportCommand.class,
            io.pricestream.cli.up.UpCommand.class,
            io.pricestream.cli.status.StatusCommand.class,
            io.pricestream.cli.replay.ReplayCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 ok, 1 unexpected error, 2 bad usage or config,",
                "3 endpoint unreachable, 4 component failed, 5 scrape run not OK.",
                "Run `pricestream <verb> --help` for a verb's options."})
public final class PricestreamCommand implements Runnable {

    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Endpoints endpoints = new Endpoints();

    @Spec
    private CommandSpec spec;

    public PricestreamCommand(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    public static void main(String[] args) {
        int exitCode = commandLine(System.getenv(), Path.of("").toAbsolutePath()).execute(args);
        System.exit(exitCode);
    }

    /** The command line with pricestream's error handling, for {@link CommandLine#execute}. */
    public static CommandLine commandLine(Map<String, String> environment, Path workingDirectory) {
        PricestreamCommand command = new PricestreamCommand(environment, workingDirectory);
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(new ExitCodeErrorHandler(command.endpoints));
        return commandLine;
    }

    /** Without a verb: show what there is to do. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** The endpoints the running verb uses, for error messages. */
    public Endpoints endpoints() {
        return endpoints;
    }
}
