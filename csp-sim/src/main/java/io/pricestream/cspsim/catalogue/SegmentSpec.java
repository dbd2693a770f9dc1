package io.pricestream.cspsim.catalogue;

import java.util.List;

/**
 * A segment before sizing: its units are {@code max(minUnits, round(weight * factor))} where the
 * factor makes the CSP's points add up to its share of the scale.
 *
 * @param service       service name
 * @param regions       region(s)
 * @param kind          product kind
 * @param weight        relative number of units
 * @param pointsPerUnit price points per unit
 * @param minUnits      lower bound of units (at least 1)
 */
public record SegmentSpec(String service, List<String> regions, SegmentKind kind, double weight, int pointsPerUnit,
                          int minUnits) {
}
