package io.pricestream.cli.error;

/** A failure the CLI understands: what to tell the operator in one line, and the exit code. */
public record Failure(int exitCode, String message) {
}
