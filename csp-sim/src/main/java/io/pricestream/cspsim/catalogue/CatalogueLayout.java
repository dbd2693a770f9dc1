package io.pricestream.cspsim.catalogue;

import java.util.ArrayList;
import java.util.List;

/** Sizes a CSP's segment specs so that its price points come close to a target count. */
public final class CatalogueLayout {
    /** Spare units per segment, as a share of its initial units: room for products that appear later. */
    private static final double SPARE_SHARE = 0.1;

    private CatalogueLayout() {
    }

    /** Turns specs into sized segments with contiguous unit and point ranges. */
    public static List<Segment> size(Csp csp, List<SegmentSpec> specs, long targetPoints) {
        double weightedPoints = 0;
        for (SegmentSpec spec : specs) {
            weightedPoints += spec.weight() * spec.pointsPerUnit();
        }
        double factor = weightedPoints == 0 ? 0 : targetPoints / weightedPoints;
        List<Segment> segments = new ArrayList<>(specs.size());
        long unitStart = 0;
        long pointStart = 0;
        for (SegmentSpec spec : specs) {
            long wanted = Math.round(spec.weight() * factor);
            int initial = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(Math.max(1, spec.minUnits()), wanted));
            int universe = initial + Math.max(1, (int) Math.ceil(initial * SPARE_SHARE));
            segments.add(new Segment(csp, segments.size(), spec.service(), List.copyOf(spec.regions()), spec.kind(),
                    initial, universe, unitStart, pointStart, spec.pointsPerUnit()));
            unitStart += universe;
            pointStart += (long) universe * spec.pointsPerUnit();
        }
        return List.copyOf(segments);
    }
}
