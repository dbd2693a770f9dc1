package io.pricestream.scrapers.quality;


import java.util.Map;
import java.util.TreeMap;

import io.pricestream.schemas.avro.SkuPrice;

/** What a run has accepted and rejected so far, per service and per rejection reason. Not thread-safe. */
public final class RunCounts {

    private final Map<String, Long> perService = new TreeMap<>();
    private final Map<String, Long> rejectedPerReason = new TreeMap<>();
    private long accepted;
    private long rejected;
    private long duplicates;
    private long tiered;

    public void accepted(SkuPrice price) {
        accepted++;
        perService.merge(price.getService(), 1L, Long::sum);
        if (price.getTierStart().signum() > 0 || price.getTierEnd() != null) {
            tiered++;
        }
    }

    public void rejected(String reason) {
        rejected++;
        rejectedPerReason.merge(reason, 1L, Long::sum);
    }

    public void duplicate() {
        duplicates++;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long duplicates() {
        return duplicates;
    }

    public long tiered() {
        return tiered;
    }

    public Map<String, Long> perService() {
        return Map.copyOf(perService);
    }

    public Map<String, Long> rejectedPerReason() {
        return Map.copyOf(rejectedPerReason);
    }

}
