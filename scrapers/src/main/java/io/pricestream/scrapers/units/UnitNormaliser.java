package io.pricestream.scrapers.units;

/** Maps a CSP's published unit string to a {@link NormalisedUnit}; one table covers all three CSPs. */
public interface UnitNormaliser {

    NormalisedUnit normalise(String csp, String publishedUnit);
}
