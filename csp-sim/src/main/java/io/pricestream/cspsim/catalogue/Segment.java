package io.pricestream.cspsim.catalogue;

import java.util.List;

/**
 * A block of same-shaped units (AWS products, Azure meter groups, GCP SKUs) of one service in one
 * region (or region set). Every unit of a segment has {@code pointsPerUnit} price points, so the
 * global point index of any price is arithmetic: {@code pointStart + unit * pointsPerUnit + ordinal}.
 * Units {@code [initialUnits, universeUnits)} are spares that may appear in later generations.
 *
 * @param csp           provider
 * @param index         position in the CSP's segment list
 * @param service       service (AWS offer code, Azure serviceName, GCP service display name)
 * @param regions       region(s) of the segment: one region, or several for GCP multi-region SKUs
 * @param kind          product kind (CSP-specific enum)
 * @param initialUnits  units present in generation 0
 * @param universeUnits all units that may ever exist
 * @param unitStart     global index of the first unit within the CSP
 * @param pointStart    global index of the first price point within the CSP
 * @param pointsPerUnit price points of one unit
 */
public record Segment(Csp csp, int index, String service, List<String> regions, SegmentKind kind,
                      int initialUnits, int universeUnits, long unitStart, long pointStart, int pointsPerUnit) {

    /** First (or only) region of the segment. */
    public String region() {
        return regions.get(0);
    }

    /** Global unit index within the CSP. */
    public long unitId(int unit) {
        return unitStart + unit;
    }

    /** Global index of the point {@code ordinal} of {@code unit}. */
    public long pointId(int unit, int ordinal) {
        return pointStart + (long) unit * pointsPerUnit + ordinal;
    }
}
