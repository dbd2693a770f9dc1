package io.pricestream.cspsim.catalogue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many units of each segment are alive in a generation, counted once per generation: paging needs them
 * on every request, and counting walks the whole universe of units.
 */
public final class LiveUnitCounts {

    private final List<Segment> segments;
    private final Map<Integer, int[]> byGeneration = new ConcurrentHashMap<>();

    public LiveUnitCounts(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** Live units per segment, indexed by {@link Segment#index()}, in {@code view}'s generation. */
    public int[] of(CatalogueView view) {
        return byGeneration.computeIfAbsent(view.generation(), g -> {
            int[] live = new int[segments.size()];
            for (Segment segment : segments) {
                for (int unit = 0; unit < segment.universeUnits(); unit++) {
                    if (view.life(segment, unit).aliveAt(g)) {
                        live[segment.index()]++;
                    }
                }
            }
            return live;
        });
    }
}
