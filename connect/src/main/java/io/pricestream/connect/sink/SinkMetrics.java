package io.pricestream.connect.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sink's Micrometer meters, all named {@code pricestream.sink.*}:
 * {@code records} (tag {@code outcome}: new, new_retired, changed, retired, unchanged, stale, superseded, tombstone),
 * {@code dlq} (tag {@code reason}: undecodable, invalid, database), {@code batches}, {@code retries},
 * {@code fenced}, and the timer {@code batch.apply}.
 */
final class SinkMetrics {

    private final MeterRegistry registry;
    private final Counter batches;
    private final Counter retries;
    private final Counter fenced;
    private final Timer apply;

    SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batches = registry.counter("pricestream.sink.batches");
        this.retries = registry.counter("pricestream.sink.retries");
        this.fenced = registry.counter("pricestream.sink.fenced");
        this.apply = registry.timer("pricestream.sink.batch.apply");
    }

    void applied(ApplyResult result, int superseded) {
        batches.increment();
        result.counts().forEach((outcome, count) -> {
            if (count > 0) {
                records(outcome.name().toLowerCase(java.util.Locale.ROOT)).increment(count);
            }
        });
        superseded(superseded);
    }

    void superseded(int count) {
        if (count > 0) {
            records("superseded").increment(count);
        }
    }

    void tombstone() {
        records("tombstone").increment();
    }

    void deadLettered(String reason) {
        registry.counter("pricestream.sink.dlq", "reason", reason).increment();
    }

    void retried() {
        retries.increment();
    }

    void fenced() {
        fenced.increment();
    }

    Timer applyTimer() {
        return apply;
    }

    private Counter records(String outcome) {
        return registry.counter("pricestream.sink.records", "outcome", outcome);
    }
}
