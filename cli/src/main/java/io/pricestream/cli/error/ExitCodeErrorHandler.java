package io.pricestream.cli.error;

import java.io.PrintWriter;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place a failed verb becomes an exit code. Known conditions ({@link FailureClassifier}) print one
 * line (or the list of config problems) on stderr; unknown exceptions print their stack trace, because
 * then the trace is the most useful thing to report.
 */
public final class ExitCodeErrorHandler implements IExecutionExceptionHandler {

    private final Endpoints endpoints;

    public ExitCodeErrorHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Optional<Failure> failure = FailureClassifier.classify(error, endpoints);
        if (failure.isPresent()) {
            err.println(commandLine.getColorScheme().errorText("error: " + failure.get().message()));
            err.flush();
            return failure.get().exitCode();
        }
        error.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}
