package io.pricestream.scrapers.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a response body that stops delivering data for longer than the idle timeout: the JDK client's request timeout
 * only covers the wait for the headers. A watchdog closes the stream, which ends the blocked read; the reader then
 * gets an {@link HttpTimeoutException}, which the fetcher retries like any timeout.
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private final long idleNanos;
    private final long idleMillis;
    private final ScheduledFuture<?> watchdog;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration idle, ScheduledExecutorService scheduler) {
        super(in);
        this.idleNanos = idle.toNanos();
        this.idleMillis = idle.toMillis();
        long period = Math.max(10, idleMillis / 4);
        this.watchdog = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastProgressNanos > idleNanos) {
            timedOut = true;
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader sees the timeout either way
            }
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            lastProgressNanos = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            lastProgressNanos = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        }
    }

    private HttpTimeoutException timeout(IOException cause) {
        HttpTimeoutException timeout = new HttpTimeoutException("no body data for " + idleMillis + " ms");
        timeout.initCause(cause);
        return timeout;
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false);
        super.close();
    }
}
