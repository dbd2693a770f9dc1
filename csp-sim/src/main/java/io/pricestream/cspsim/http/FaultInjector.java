package io.pricestream.cspsim.http;

import io.pricestream.cspsim.catalogue.SeedHash;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides the faults of each data request as a pure function of (fault seed, request number), so a
 * client issuing the same requests in the same order meets the same faults.
 */
public final class FaultInjector {
    private final AtomicLong requests = new AtomicLong();
    private volatile FaultConfig config;

    /** Injector with the given knobs. */
    public FaultInjector(FaultConfig config) {
        this.config = config;
    }

    /** Current knobs. */
    public FaultConfig config() {
        return config;
    }

    /** Replaces the knobs and restarts the request numbering, so the new sequence is reproducible. */
    public synchronized void configure(FaultConfig config) {
        this.config = config;
        requests.set(0);
    }

    /** Faults of the next request. */
    public FaultPlan next() {
        FaultConfig c = config;
        long n = requests.getAndIncrement();
        boolean throttle = hit(c, n, 1, c.throttleRate());
        boolean error = !throttle && hit(c, n, 2, c.errorRate());
        boolean html = !throttle && !error && hit(c, n, 3, c.htmlRate());
        boolean truncate = !throttle && !error && !html && hit(c, n, 4, c.truncateRate());
        long truncateAt = truncate ? 512 + SeedHash.pick(SeedHash.of(c.seed(), n, 9), 4096) : -1;
        int delay = hit(c, n, 5, c.slowRate()) ? c.slowDelayMs() : 0;
        return new FaultPlan(throttle, error, html, truncateAt, delay, hit(c, n, 6, c.pageLoopRate()));
    }

    private static boolean hit(FaultConfig c, long n, int knob, double rate) {
        return rate > 0 && SeedHash.unit(SeedHash.of(c.seed(), n, knob)) < rate;
    }
}
