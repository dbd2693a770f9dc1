package io.pricestream.cspsim;

import java.time.Duration;

/**
 * What {@link CspSimulator#prerender()} did.
 *
 * @param generation   catalogue generation rendered
 * @param requests     responses requested (each rendered or found already cached)
 * @param rendered     of those, responses rendered now (cache misses)
 * @param storedBytes  body bytes the cache holds afterwards (gzipped, as served)
 * @param elapsed      wall time of the crawl
 */
public record PrerenderResult(int generation, long requests, long rendered, long storedBytes, Duration elapsed) {
    @Override
    public String toString() {
        return "generation " + generation + ": " + requests + " responses (" + rendered + " rendered now), "
                + storedBytes + " bytes stored, " + elapsed.toMillis() + " ms";
    }
}
