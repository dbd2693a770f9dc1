package io.pricestream.scrapers.azure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buffers a run's items per meter group until the run has read its last page, then hands each tier over
 * with its upper bound.
 *
 * <p>Azure publishes only a tier's lower bound ({@code tierMinimumUnits}); the upper bound is the next higher
 * lower bound of the same group — same {@code (skuId, meterId, type, reservationTerm, armRegionName, productId)}
 * — and the highest tier is open. Tiers arrive unsorted and may sit on different pages, so no tier is final
 * before the last page. Memory is therefore proportional to the items in scope: one small entry per group plus
 * the (string-shared) items themselves. Offset paging can repeat an item across pages; a repeat of a tier
 * already buffered is dropped here, so each price is emitted once per run.
 */
final class AzureMeterTiers {

    private static final Comparator<AzureRetailItem> BY_TIER = Comparator.comparing(AzureRetailItem::tierMinimumUnits);

    private final Map<MeterGroup, List<AzureRetailItem>> groups = new LinkedHashMap<>();
    private long items;
    private long repeats;

    /** Buffers {@code item}; returns {@code false} when its tier of its group was already buffered. */
    boolean add(AzureRetailItem item) {
        List<AzureRetailItem> tiers = groups.computeIfAbsent(MeterGroup.of(item), group -> new ArrayList<>(1));
        for (AzureRetailItem buffered : tiers) {
            if (buffered.tierMinimumUnits().compareTo(item.tierMinimumUnits()) == 0) {
                repeats++;
                return false;
            }
        }
        tiers.add(item);
        items++;
        return true;
    }

    long items() {
        return items;
    }

    long groups() {
        return groups.size();
    }

    /** Items dropped because the same tier had been seen on an earlier page. */
    long repeats() {
        return repeats;
    }

    /** Hands over every buffered tier with its upper bound ({@code null} = open) and empties the buffer. */
    <E extends Exception> void drain(TierSink<E> sink) throws E {
        Iterator<List<AzureRetailItem>> groupIterator = groups.values().iterator();
        while (groupIterator.hasNext()) {
            List<AzureRetailItem> tiers = groupIterator.next();
            groupIterator.remove();
            tiers.sort(BY_TIER);
            for (int i = 0; i < tiers.size(); i++) {
                BigDecimal end = i + 1 < tiers.size() ? tiers.get(i + 1).tierMinimumUnits() : null;
                sink.accept(tiers.get(i), end);
            }
        }
        items = 0;
    }

    /** Receives one tier and its upper bound. */
    @FunctionalInterface
    interface TierSink<E extends Exception> {
        void accept(AzureRetailItem tier, BigDecimal tierEnd) throws E;
    }

    private record MeterGroup(String skuId, String meterId, String type, String reservationTerm,
                              String armRegionName, String productId) {
        static MeterGroup of(AzureRetailItem item) {
            return new MeterGroup(item.skuId(), item.meterId(), item.type(), item.reservationTerm(),
                    item.armRegionName(), item.productId());
        }
    }
}
