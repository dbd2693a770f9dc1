package io.pricestream.streams;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.streams.validate.RejectReason;

/**
 * The streams app's Micrometer counters, created once so the per-record path only increments.
 *
 * <ul>
 *   <li>{@code pricestream.streams.rejected{reason}} — raw records sent to the DLQ</li>
 *   <li>{@code pricestream.streams.filtered} — prices no include rule (or an exclude rule) kept; counted before validation, which only the kept prices get</li>
 *   <li>{@code pricestream.streams.emitted{change=new|changed|returned|retired}} — records written to prices.sku</li>
 *   <li>{@code pricestream.streams.suppressed{reason=duplicate|out_of_order}} — prices not re-emitted</li>
 *   <li>{@code pricestream.streams.markers{verdict}} — run markers seen</li>
 * </ul>
 */
public final class PricesMetrics {

    /** Why a price produced output. */
    public enum Change { NEW, CHANGED, RETURNED, RETIRED }

    /** Why a price produced no output. */
    public enum Suppression { DUPLICATE, OUT_OF_ORDER }

    private final MeterRegistry registry;
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<Change, Counter> emitted = new EnumMap<>(Change.class);
    private final Map<Suppression, Counter> suppressed = new EnumMap<>(Suppression.class);
    private final Counter filtered;

    public PricesMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, registry.counter("pricestream.streams.rejected", "reason", reason.tag()));
        }
        for (Change change : Change.values()) {
            emitted.put(change, registry.counter("pricestream.streams.emitted", "change", tag(change)));
        }
        for (Suppression suppression : Suppression.values()) {
            suppressed.put(suppression, registry.counter("pricestream.streams.suppressed", "reason", tag(suppression)));
        }
        filtered = registry.counter("pricestream.streams.filtered");
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }

    public void filtered() {
        filtered.increment();
    }

    public double filteredCount() {
        return filtered.count();
    }

    public void emitted(Change change) {
        emitted.get(change).increment();
    }

    public double emittedCount(Change change) {
        return emitted.get(change).count();
    }

    public void suppressed(Suppression suppression) {
        suppressed.get(suppression).increment();
    }

    public double suppressedCount(Suppression suppression) {
        return suppressed.get(suppression).count();
    }

    /** Markers are rare: their counter is looked up on use. */
    public void marker(String verdict) {
        registry.counter("pricestream.streams.markers", "verdict", verdict.toLowerCase(java.util.Locale.ROOT)).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
