package io.pricestream.scrapers.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.scrapers.core.ScrapeProgress;

/**
 * Shows a run's progress: on a terminal ({@code System.console() != null}) one self-overwriting line on
 * {@code System.err} at most twice a second; otherwise an INFO log line every {@code scrapers.progress.log.interval.ms}.
 */
public final class RunProgress implements ScrapeProgress {

    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);
    private static final long TERMINAL_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final String csp;
    private final PrintStream terminal;
    private final long intervalNanos;
    private final LongSupplier bytes;
    private final long startNanos = System.nanoTime();
    private final AtomicLong records = new AtomicLong();
    private final AtomicInteger sourcesStarted = new AtomicInteger();
    private final AtomicInteger sourcesFinished = new AtomicInteger();
    private volatile long lastShownNanos = System.nanoTime();
    private volatile String currentSource = "";

    RunProgress(String csp, boolean onTerminal, Duration logInterval, LongSupplier bytes) {
        this.csp = csp;
        this.terminal = onTerminal ? System.err : null;
        this.intervalNanos = onTerminal ? TERMINAL_INTERVAL_NANOS : logInterval.toNanos();
        this.bytes = bytes;
    }

    static RunProgress forCurrentProcess(String csp, Duration logInterval, LongSupplier bytes) {
        return new RunProgress(csp, System.console() != null, logInterval, bytes);
    }

    @Override
    public void sourceStarted(String source) {
        sourcesStarted.incrementAndGet();
        currentSource = source;
        LOG.debug("Reading '{}'", source);
    }

    @Override
    public void sourceFinished(String source, long sourceRecords, long sourceBytes) {
        sourcesFinished.incrementAndGet();
        LOG.debug("Read '{}': {} records, {} bytes", source, sourceRecords, sourceBytes);
    }

    /** One more record accepted; cheap enough to call per record. */
    void recordAccepted() {
        long n = records.incrementAndGet();
        if ((n & 1023) == 0) {
            maybeShow();
        }
    }

    private void maybeShow() {
        long now = System.nanoTime();
        if (now - lastShownNanos < intervalNanos) {
            return;
        }
        lastShownNanos = now;
        String line = line(now);
        if (terminal != null) {
            terminal.print("\r" + line + "   ");
            terminal.flush();
        } else {
            LOG.info("Progress {}", line);
        }
    }

    /** Ends the terminal line so the summary starts on its own line. */
    void finish() {
        if (terminal != null) {
            terminal.print("\r" + line(System.nanoTime()) + "\n");
            terminal.flush();
        }
    }

    private String line(long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double mb = bytes.getAsLong() / 1e6;
        return String.format(Locale.ROOT, "%s: %,d records, %d/%d sources, %.1f MB, %.1f MB/s, %,.0f records/s, %s",
                csp, records.get(), sourcesFinished.get(), sourcesStarted.get(), mb, mb / seconds, records.get() / seconds, currentSource);
    }
}
