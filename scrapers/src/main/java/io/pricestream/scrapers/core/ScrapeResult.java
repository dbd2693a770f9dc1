package io.pricestream.scrapers.core;

import java.util.List;
import java.util.Map;

/**
 * What a finished scrape read.
 *
 * @param sourceVersions  source document → version read (e.g. {@code AmazonEC2/us-east-1} → offer version)
 * @param skippedSources  sources not downloaded because their version was unchanged since the last good run
 * @param bytesDownloaded bytes read from the network (compressed size where gzip was used)
 */
public record ScrapeResult(Map<String, String> sourceVersions, List<String> skippedSources, long bytesDownloaded) {

    public ScrapeResult {
        sourceVersions = Map.copyOf(sourceVersions);
        skippedSources = List.copyOf(skippedSources);
    }
}
