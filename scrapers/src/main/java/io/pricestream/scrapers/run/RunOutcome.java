package io.pricestream.scrapers.run;

import java.time.Duration;

import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.quality.QualityVerdict;

/**
 * The result of one run, for the CLI: the published {@link ScrapeRun}, the verdict with reasons, and the throughput.
 *
 * @param duplicates   repeated price ids dropped within the run
 * @param bytesDecoded bytes parsed after gunzip ({@code run.getBytesDownloaded()} is the wire size)
 */
public record RunOutcome(ScrapeRun run, QualityVerdict verdict, long duplicates, long bytesDecoded, Duration elapsed) {

    /** True when the CLI should exit non-zero: a failed gate or rejected records. */
    public boolean gateFailed() {
        return verdict.gateFailed();
    }

    public double megabytesPerSecond() {
        return run.getBytesDownloaded() / 1e6 / seconds();
    }

    public double decodedMegabytesPerSecond() {
        return bytesDecoded / 1e6 / seconds();
    }

    public double recordsPerSecond() {
        return run.getRecordsPublished() / seconds();
    }

    private double seconds() {
        return Math.max(1e-3, elapsed.toNanos() / 1e9);
    }
}
