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
import io.pricestream.connect.testing.StoredPrices.FullPeriod;
import io.pricestream.connect.testing.StoredPrices.Period;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The sink's rules, written the plain way — one observation at a time, in memory — to check the
 * set-based SQL against. Written from the README's rules, not from the SQL.
 */
final class PriceModel {

    private final Map<PriceRef, Current> current = new TreeMap<>(Comparator.comparing(PriceRef::csp).thenComparing(PriceRef::priceId));
    /** The last active observation applied per price: the content its row and open period hold. */
    private final Map<PriceRef, SkuPrice> content = new TreeMap<>(Comparator.comparing(PriceRef::csp).thenComparing(PriceRef::priceId));
    private final List<FullPeriod> history = new ArrayList<>();
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
            content.put(ref, p);
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
        SkuPrice held = content.get(ref);
        // a real change: anything a history period shows (connect/README.md, "Rules")
        boolean changed = stored.retiredAt() != null
                || held.getPrice().compareTo(p.getPrice()) != 0
                || held.getTierStart().compareTo(p.getTierStart()) != 0
                || !Objects.equals(StoredPrices.norm(held.getTierEnd()), StoredPrices.norm(p.getTierEnd()))
                || !held.getUnit().equals(p.getUnit())
                || !held.getCurrency().equals(p.getCurrency())
                || !Objects.equals(held.getEffectiveFrom(), p.getEffectiveFrom())
                || !held.getSkuId().equals(p.getSkuId())
                || !held.getRegion().equals(p.getRegion())
                || !held.getService().equals(p.getService())
                || held.getPurchaseOption() != p.getPurchaseOption()
                || !Objects.equals(held.getTerm(), p.getTerm());
        content.put(ref, p);
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
            FullPeriod period = history.get(i);
            if (period.csp().equals(ref.csp()) && period.priceId().equals(ref.priceId()) && period.validTo() == null) {
                history.set(i, period.closedAt(at));
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

    private static FullPeriod period(SkuPrice p, Instant from) {
        return new FullPeriod(p.getCsp(), p.getPriceId(), p.getSkuId(), p.getRegion(), p.getService(),
                StoredPrices.norm(p.getTierStart()), StoredPrices.norm(p.getTierEnd()), p.getUnit(), StoredPrices.norm(p.getPrice()),
                p.getCurrency(), p.getPurchaseOption().name(), p.getTerm(), p.getEffectiveFrom(), from, null, p.getRunId());
    }

    /** The run ids of the observations that write their {@code infra_price} row, in order: all but the stale ones. */
    List<String> rowWrites() {
        return List.copyOf(rowWrites);
    }

    List<Current> current() {
        return List.copyOf(current.values());
    }

    List<Period> history() {
        return fullHistory().stream().map(FullPeriod::period).toList();
    }

    List<FullPeriod> fullHistory() {
        return history.stream().sorted(Comparator.comparing(FullPeriod::csp).thenComparing(FullPeriod::priceId)
                .thenComparing(FullPeriod::validFrom)).toList();
    }
}
