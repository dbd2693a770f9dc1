package io.pricestream.connect.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.pricestream.connect.testing.StoredPrices;
import io.pricestream.connect.testing.StoredPrices.Current;
import io.pricestream.connect.testing.StoredPrices.Period;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The sink's rules, written the plain way — one observation at a time, in memory — to check the
 * set-based SQL against. Written from the README's rules, not from the SQL.
 */
final class PriceModel {

    private final Map<PriceRef, Current> current = new TreeMap<>(Comparator.comparing(PriceRef::csp).thenComparing(PriceRef::priceId));
    private final List<Period> history = new ArrayList<>();
    private final List<String> rowWrites = new ArrayList<>();

    /** Applies one batch: per price, the newest observation (first read wins a tie), then the rules. */
    void applyBatch(List<SkuPrice> batch) {
        Map<PriceRef, SkuPrice> newest = new LinkedHashMap<>();
        for (SkuPrice price : batch) {
            newest.merge(PriceRef.of(price), price, (kept, next) -> next.getObservedAt().isAfter(kept.getObservedAt()) ? next : kept);
        }
        newest.values().forEach(this::apply);
    }

    private void apply(SkuPrice p) {
        PriceRef ref = PriceRef.of(p);
        Current stored = current.get(ref);
        Instant at = p.getObservedAt();
        boolean retiring = p.getStatus() == PriceStatus.RETIRED;
        if (stored == null) {
            rowWrites.add(p.getRunId());
            current.put(ref, row(p, at, at, at, retiring ? at : null));
            if (!retiring) {
                history.add(period(p, at));
            }
            return;
        }
        if (!at.isAfter(stored.observedAt())) {
            return;
        }
        rowWrites.add(p.getRunId());
        if (retiring) {
            if (stored.retiredAt() == null) {
                // the retirement keeps the last active content
                closeOpenPeriod(ref, at);
                current.put(ref, retiredCopy(stored, at, at, at, p.getRunId()));
            } else {
                current.put(ref, retiredCopy(stored, stored.lastChangedAt(), at, stored.retiredAt(), p.getRunId()));
            }
            return;
        }
        boolean changed = stored.retiredAt() != null
                || stored.price().compareTo(p.getPrice()) != 0
                || stored.tierStart().compareTo(p.getTierStart()) != 0
                || !Objects.equals(stored.tierEnd(), StoredPrices.norm(p.getTierEnd()))
                || !stored.unit().equals(p.getUnit())
                || !stored.currency().equals(p.getCurrency())
                || !Objects.equals(stored.effectiveFrom(), p.getEffectiveFrom());
        if (changed) {
            closeOpenPeriod(ref, at);
            history.add(period(p, at));
            current.put(ref, row(p, stored.firstSeenAt(), at, at, null));
        } else {
            current.put(ref, row(p, stored.firstSeenAt(), stored.lastChangedAt(), at, null));
        }
    }

    private void closeOpenPeriod(PriceRef ref, Instant at) {
        for (int i = 0; i < history.size(); i++) {
            Period period = history.get(i);
            if (period.csp().equals(ref.csp()) && period.priceId().equals(ref.priceId()) && period.validTo() == null) {
                history.set(i, new Period(period.csp(), period.priceId(), period.price(), period.unit(), period.validFrom(), at));
            }
        }
    }

    private static Current retiredCopy(Current c, Instant lastChanged, Instant observed, Instant retired, String runId) {
        return new Current(c.csp(), c.priceId(), c.price(), c.tierStart(), c.tierEnd(), c.unit(), c.currency(),
                c.effectiveFrom(), c.firstSeenAt(), lastChanged, observed, retired, runId);
    }

    private static Current row(SkuPrice p, Instant firstSeen, Instant lastChanged, Instant observed, Instant retired) {
        return new Current(p.getCsp(), p.getPriceId(), StoredPrices.norm(p.getPrice()), StoredPrices.norm(p.getTierStart()),
                StoredPrices.norm(p.getTierEnd()), p.getUnit(), p.getCurrency(), p.getEffectiveFrom(), firstSeen,
                lastChanged, observed, retired, p.getRunId());
    }

    private static Period period(SkuPrice p, Instant from) {
        return new Period(p.getCsp(), p.getPriceId(), StoredPrices.norm(p.getPrice()), p.getUnit(), from, null);
    }

    /** The run ids of the observations that write their {@code infra_price} row, in order: all but the stale ones. */
    List<String> rowWrites() {
        return List.copyOf(rowWrites);
    }

    List<Current> current() {
        return List.copyOf(current.values());
    }

    List<Period> history() {
        return history.stream().sorted(Comparator.comparing(Period::csp).thenComparing(Period::priceId)
                .thenComparing(Period::validFrom)).toList();
    }
}
