package io.pricestream.streams.validate;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs DLQ routings without flooding: every rejection at DEBUG, and at WARN the first one plus at most one
 * summary per interval with the count since the last line. One instance per stream task (not thread-safe).
 */
final class RejectionLog {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Map<RejectReason, Long> unreported = new EnumMap<>(RejectReason.class);
    private long lastWarnNanos;
    private boolean warnedOnce;

    void rejected(Rejection rejection, String topic, int partition, long offset) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Rejected record '{}'-{}@{} ({}): {}", topic, partition, offset, rejection.reason().tag(), rejection.message());
        }
        unreported.merge(rejection.reason(), 1L, Long::sum);
        long now = System.nanoTime();
        if (!warnedOnce || now - lastWarnNanos >= INTERVAL_NANOS) {
            LOG.warn("Sent raw records to the DLQ: {} (latest: '{}'-{}@{}: {})", unreported, topic, partition, offset, rejection.message());
            unreported.clear();
            lastWarnNanos = now;
            warnedOnce = true;
        }
    }
}
