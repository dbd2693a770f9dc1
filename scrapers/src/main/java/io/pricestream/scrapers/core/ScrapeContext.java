package io.pricestream.scrapers.core;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.pricestream.scrapers.http.HttpFetcher;
import io.pricestream.scrapers.units.UnitNormaliser;

/**
 * Everything a scraper needs for one run.
 *
 * @param runId           id stamped on every record of the run
 * @param observedAt      when the run started; every record's {@code observed_at}
 * @param scope           services / regions to fetch
 * @param apiBase         scheme + host + port of the CSP API (the real one, or csp-sim's); paths are the real API's
 * @param fetcher         HTTP with retries, timeouts and gzip
 * @param units           the unit normalisation table
 * @param previousVersions source document → version from the last successful run (conditional fetch)
 * @param progress        where to report progress (terminal / logs)
 */
public record ScrapeContext(
        String runId,
        Instant observedAt,
        ScrapeScope scope,
        URI apiBase,
        HttpFetcher fetcher,
        UnitNormaliser units,
        Map<String, String> previousVersions,
        ScrapeProgress progress) {
}
