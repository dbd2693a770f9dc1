package io.pricestream.scrapers.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.scrapers.quality.RunCounts;

/**
 * Records a finished run in Micrometer: {@code pricestream.scrapers.records} (tags csp, service),
 * {@code pricestream.scrapers.records.rejected} (csp, reason), {@code pricestream.scrapers.records.duplicate} (csp),
 * {@code pricestream.scrapers.bytes} (csp) and {@code pricestream.scrapers.runs} (csp, verdict).
 */
final class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(ScrapeRun run, RunCounts counts) {
        String csp = run.getCsp();
        counts.perService().forEach((service, n) -> registry.counter("pricestream.scrapers.records", "csp", csp, "service", service).increment(n));
        counts.rejectedPerReason().forEach((reason, n) -> registry.counter("pricestream.scrapers.records.rejected", "csp", csp, "reason", reason)
                .increment(n));
        registry.counter("pricestream.scrapers.records.duplicate", "csp", csp).increment(counts.duplicates());
        registry.counter("pricestream.scrapers.bytes", "csp", csp).increment(run.getBytesDownloaded());
        registry.counter("pricestream.scrapers.runs", "csp", csp, "verdict", run.getVerdict().name()).increment();
    }
}
