package io.pricestream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine;

/**
 * Runs {@code pricestream} in-process the way a shell would, with an injected environment and working
 * directory, capturing stdout, stderr and the exit code.
 */
public final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine;
    private Integer exitCode;

    public CliRun(Map<String, String> environment, Path workingDirectory) {
        this.commandLine = PricestreamCommand.commandLine(environment, workingDirectory);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** Runs in an empty environment from a directory with no pricestream.yaml. */
    public static CliRun run(Path workingDirectory, String... args) {
        return new CliRun(Map.of(), workingDirectory).execute(args);
    }

    public CliRun execute(String... args) {
        exitCode = commandLine.execute(args);
        return this;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What was printed so far on stdout; safe to poll while a verb runs in another thread. */
    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
