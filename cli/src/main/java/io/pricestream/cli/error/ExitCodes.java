package io.pricestream.cli.error;

/** The exit codes of {@code pricestream}, documented in the README; scripts may rely on them. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** An unexpected error; its stack trace was printed. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad command line or configuration; every problem was listed. */
    public static final int USAGE = 2;
    /** Kafka, PostgreSQL or the Schema Registry could not be reached; the endpoint was named. */
    public static final int UNREACHABLE = 3;
    /** A component refused to run for a stated reason (port in use, data dir not writable, schema mismatch). */
    public static final int FAILED = 4;
    /** A scrape run failed or did not pass its quality gates; nothing was retired. */
    public static final int RUN_NOT_OK = 5;

    private ExitCodes() {
    }
}
