package io.pricestream.cspsim.catalogue;

import java.util.Map;

/**
 * What one {@code advance} did.
 *
 * @param generation    the new generation
 * @param changed       per CSP: price points whose value changed (exact)
 * @param stable        per CSP: price points present in both generations (the base of the share)
 * @param addedUnits    per CSP: units (products, meter groups, SKUs) that appeared
 * @param removedUnits  per CSP: units that disappeared
 */
public record AdvanceResult(int generation, Map<Csp, Long> changed, Map<Csp, Long> stable,
                            Map<Csp, Long> addedUnits, Map<Csp, Long> removedUnits) {
}
