package io.pricestream.cspsim.catalogue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The generation history of a catalogue over fixed segment layouts. Holds no prices: a view
 * recomputes any of them from the seed and the list of generations, so memory stays bounded at any
 * scale. Thread-safe: readers take immutable views, {@link #advance(double)} is serialised.
 */
public final class Catalogue {
    /** Units removed per generation, relative to the share of changed prices. */
    private static final double REMOVE_SHARE_OF_CHANGES = 0.1;
    private static final int BUCKET_BITS = 16;

    private final long seed;
    private final Map<Csp, List<Segment>> segments;
    private volatile List<Generation> history;

    /** A catalogue at generation 0. */
    public Catalogue(long seed, Map<Csp, List<Segment>> segments) {
        this.seed = seed;
        this.segments = Map.copyOf(segments);
        this.history = List.of(Generation.initial(seed));
    }

    /** Catalogue seed. */
    public long seed() {
        return seed;
    }

    /** The segments of one CSP. */
    public List<Segment> segments(Csp csp) {
        return segments.getOrDefault(csp, List.of());
    }

    /** Number of the current generation. */
    public int generation() {
        return history.size() - 1;
    }

    /** The current generation. */
    public CatalogueView view() {
        List<Generation> h = history;
        return new CatalogueView(seed, h, h.size() - 1);
    }

    /** An earlier (or the current) generation. */
    public CatalogueView view(int generation) {
        List<Generation> h = history;
        Objects.checkIndex(generation, h.size());
        return new CatalogueView(seed, h, generation);
    }

    /**
     * Creates the next generation: per CSP exactly {@code round(share × P)} of the P points present
     * in both generations change value; about {@code share/10} of the units disappear and about as
     * many spares appear.
     */
    public synchronized AdvanceResult advance(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within [0, 1], was " + share);
        }
        List<Generation> before = history;
        int g = before.size();
        Generation next = Generation.create(seed, g, share, share * REMOVE_SHARE_OF_CHANGES);
        List<Generation> candidate = new ArrayList<>(before);
        candidate.add(next);
        CatalogueView view = new CatalogueView(seed, List.copyOf(candidate), g);
        Map<Csp, Long> changed = new EnumMap<>(Csp.class);
        Map<Csp, Long> stable = new EnumMap<>(Csp.class);
        Map<Csp, Long> added = new EnumMap<>(Csp.class);
        Map<Csp, Long> removed = new EnumMap<>(Csp.class);
        for (Csp csp : Csp.values()) {
            selectChanges(csp, view, next, share, stable);
            changed.put(csp, next.changeCount()[csp.ordinal()]);
        }
        for (Csp csp : Csp.values()) {
            long[] addRemove = markTouched(csp, view, next);
            added.put(csp, addRemove[0]);
            removed.put(csp, addRemove[1]);
        }
        history = List.copyOf(candidate);
        return new AdvanceResult(g, changed, stable, added, removed);
    }

    /** Finds the exact k-th smallest change hash with a histogram pass and a bucket pass. */
    private void selectChanges(Csp csp, CatalogueView view, Generation next, double share, Map<Csp, Long> stable) {
        long[] histogram = new long[1 << BUCKET_BITS];
        long total = 0;
        for (Segment segment : segments(csp)) {
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                UnitLife life = view.life(segment, unit);
                if (life.aliveAt(next.index() - 1) && life.aliveAt(next.index())) {
                    for (int p = 0; p < segment.pointsPerUnit(); p++) {
                        histogram[(int) (next.changeHash(csp, segment.pointId(unit, p)) >>> (64 - BUCKET_BITS))]++;
                    }
                    total += segment.pointsPerUnit();
                }
            }
        }
        stable.put(csp, total);
        long k = Math.round(share * total);
        int c = csp.ordinal();
        next.changeCount()[c] = k;
        if (k == 0) {
            return;
        }
        int bucket = 0;
        long before = 0;
        while (before + histogram[bucket] < k) {
            before += histogram[bucket];
            bucket++;
        }
        long[] inBucket = new long[(int) histogram[bucket]];
        int n = 0;
        for (Segment segment : segments(csp)) {
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                UnitLife life = view.life(segment, unit);
                if (life.aliveAt(next.index() - 1) && life.aliveAt(next.index())) {
                    for (int p = 0; p < segment.pointsPerUnit(); p++) {
                        long h = next.changeHash(csp, segment.pointId(unit, p));
                        if ((int) (h >>> (64 - BUCKET_BITS)) == bucket) {
                            inBucket[n++] = h ^ Long.MIN_VALUE; // signed order of this == unsigned order of h
                        }
                    }
                }
            }
        }
        Arrays.sort(inBucket, 0, n);
        next.changeThreshold()[c] = inBucket[(int) (k - before - 1)] ^ Long.MIN_VALUE;
    }

    /** Records which segments changed in the new generation; returns {added, removed} unit counts. */
    private long[] markTouched(Csp csp, CatalogueView view, Generation next) {
        int g = next.index();
        long added = 0;
        long removed = 0;
        for (Segment segment : segments(csp)) {
            boolean touched = false;
            for (int unit = 0; unit < segment.universeUnits(); unit++) {
                UnitLife life = view.life(segment, unit);
                if (life.born() == g) {
                    added++;
                    touched = true;
                } else if (life.died() == g) {
                    removed++;
                    touched = true;
                } else if (!touched && life.aliveAt(g)) {
                    for (int p = 0; p < segment.pointsPerUnit() && !touched; p++) {
                        touched = next.selects(csp, segment.pointId(unit, p));
                    }
                }
            }
            if (touched) {
                next.touched()[csp.ordinal()].set(segment.index());
            }
        }
        return new long[] {added, removed};
    }
}
