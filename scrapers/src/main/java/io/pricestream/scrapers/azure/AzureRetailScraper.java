package io.pricestream.scrapers.azure;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.core.ScrapeScope;

/**
 * Scrapes the Azure Retail Prices API ({@code GET {apiBase}/api/retail/prices?api-version=2023-01-01-preview}).
 *
 * <p>The run's scope is pushed down as an OData {@code $filter} (see {@link AzureRetailQuery}) and re-checked on
 * every item. Pages are followed through {@code NextPageLink} exactly as the API returns it until it is
 * {@code null}; a link that comes back a second time is a page loop and fails the run. Because a meter's tiers
 * can be spread over pages, items are buffered per meter group (see {@link AzureMeterTiers}) and emitted only
 * after the last page, so a run that fails on any page emits nothing.
 */
public final class AzureRetailScraper implements PriceScraper {

    /** The public API; give {@link ScrapeContext#apiBase()} another base (csp-sim) to scrape elsewhere. */
    public static final URI DEFAULT_API_BASE = URI.create("https://prices.azure.com");
    /** The one document this scraper reads, as reported to progress; result sources are {@code <serviceName>/retail-prices}. */
    public static final String SOURCE = "retail-prices";

    private static final Logger LOG = LoggerFactory.getLogger(AzureRetailScraper.class);
    private static final Map<String, String> HEADERS = Map.of();

    @Override
    public String csp() {
        return AzurePriceMapper.CSP;
    }

    @Override
    public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException {
        ScrapeScope scope = context.scope();
        long bytesBefore = context.fetcher().bytesReceived();
        AzureRetailParser parser = new AzureRetailParser();
        AzureMeterTiers tiers = new AzureMeterTiers();
        long[] outOfScope = {0};
        context.progress().sourceStarted(SOURCE);

        URI page = AzureRetailQuery.firstPage(context.apiBase(), scope);
        Set<String> followed = new HashSet<>();
        followed.add(page.toString());
        int pages = 0;
        int largestPage = 0;
        AzureRetailPage read = null;
        while (page != null) {
            pages++;
            String source = page.toString();
            LOG.debug("Reading Azure page {} '{}'", pages, source);
            if (read != null) {
                largestPage = Math.max(largestPage, read.items());
            }
            read = context.fetcher().get(page, HEADERS, body -> parser.parse(body, source, item -> {
                if (scope.includesService(item.serviceName()) && scope.includesRegion(item.armRegionName())) {
                    tiers.add(item);
                } else {
                    outOfScope[0]++;
                }
            }));
            page = next(read.nextPageLink(), followed, pages, source);
        }
        if (pages > 1 && read.items() >= largestPage) {
            // March 2023: the API ended full pages without a NextPageLink while more data existed.
            LOG.warn("Azure paging ended on a full page ({} items, page {}): if the catalogue looks short, the API may "
                    + "have dropped a NextPageLink", read.items(), pages);
        }

        AzurePriceMapper mapper = new AzurePriceMapper(context.runId(), context.observedAt(), context.units());
        long groups = tiers.groups();
        long items = tiers.items();
        long[] records = {0};
        Set<String> services = new HashSet<>();
        tiers.drain((tier, tierEnd) -> {
            records[0] += mapper.emit(tier, tierEnd, out);
            services.add(tier.serviceName());
        });
        long bytes = context.fetcher().bytesReceived() - bytesBefore;
        context.progress().sourceFinished(SOURCE, records[0], bytes);
        LOG.info("Azure retail prices: {} pages, {} items in {} meter groups, {} repeated items dropped, "
                        + "{} items outside scope ignored, {} records",
                pages, items, groups, tiers.repeats(), outOfScope[0], records[0]);
        // One entry per service read (the run names sources <service>/<...>), all from the same API version.
        Map<String, String> versions = new TreeMap<>();
        services.forEach(service -> versions.put(service + "/" + SOURCE, AzureRetailQuery.API_VERSION));
        return new ScrapeResult(versions, List.of(), bytes);
    }

    private static URI next(String link, Set<String> followed, int pages, String source) throws ScrapeException {
        if (link == null) {
            return null;
        }
        if (!followed.add(link)) {
            throw new ScrapeException("Azure page loop: page " + pages + " '" + source + "' links to '" + link
                    + "', which this run has already read");
        }
        try {
            return URI.create(link);
        } catch (IllegalArgumentException notEncoded) {
            // Some links carry the filter's spaces unencoded; encoding them changes nothing the server sees.
            try {
                return URI.create(link.replace(" ", "%20"));
            } catch (IllegalArgumentException e) {
                throw new ScrapeException("Azure page " + pages + " '" + source + "' has a NextPageLink that is not a URL: '"
                        + link + "'", e);
            }
        }
    }
}
