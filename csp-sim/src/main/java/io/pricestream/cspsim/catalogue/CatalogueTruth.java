package io.pricestream.cspsim.catalogue;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the scrapers must produce for one generation: the price points per CSP, streamed (never
 * materialised) and counted per service and region. Bound to the generation it was taken at.
 */
public final class CatalogueTruth {
    private final CatalogueView view;
    private final Map<Csp, ExpectedPriceSource> sources;

    /** Truth of {@code view}'s generation, rendered by the per-CSP sources. */
    public CatalogueTruth(CatalogueView view, Map<Csp, ExpectedPriceSource> sources) {
        this.view = view;
        this.sources = Map.copyOf(sources);
    }

    /** The generation described. */
    public int generation() {
        return view.generation();
    }

    /** Streams every expected price point of {@code csp} in serving order. */
    public void forEach(Csp csp, Consumer<ExpectedPrice> sink) {
        sources.get(csp).forEach(view, sink);
    }

    /** Number of price points of {@code csp}. */
    public long total(Csp csp) {
        long[] n = {0};
        forEach(csp, p -> n[0]++);
        return n[0];
    }

    /**
     * About {@code size} price points of {@code csp} spread evenly over the catalogue (every k-th in
     * serving order), for tests that check every column of a sample.
     */
    public java.util.List<ExpectedPrice> sample(Csp csp, int size) {
        long total = total(csp);
        long stride = Math.max(1, total / Math.max(1, size));
        java.util.List<ExpectedPrice> sample = new java.util.ArrayList<>(size);
        long[] i = {0};
        forEach(csp, p -> {
            if (i[0]++ % stride == 0 && sample.size() < size) {
                sample.add(p);
            }
        });
        return sample;
    }

    /** Price points per service. */
    public Map<String, Long> countsByService(Csp csp) {
        Map<String, Long> counts = new TreeMap<>();
        forEach(csp, p -> counts.merge(p.service(), 1L, Long::sum));
        return counts;
    }

    /** Price points per service, then per region. */
    public Map<String, Map<String, Long>> countsByServiceAndRegion(Csp csp) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        forEach(csp, p -> counts.computeIfAbsent(p.service(), s -> new TreeMap<>()).merge(p.region(), 1L, Long::sum));
        return counts;
    }
}
