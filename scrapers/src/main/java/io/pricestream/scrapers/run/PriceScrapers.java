package io.pricestream.scrapers.run;

import java.util.List;
import java.util.Locale;

import io.pricestream.schemas.Topics;
import io.pricestream.scrapers.aws.AwsBulkScraper;
import io.pricestream.scrapers.azure.AzureRetailScraper;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.gcp.GcpCatalogScraper;

/** The scraper of each CSP, configured: the CLI's one way to get a {@link PriceScraper} by name. */
public final class PriceScrapers {

    private PriceScrapers() {
    }

    /** {@code aws}, {@code azure} or {@code gcp} (any case). */
    public static PriceScraper forCsp(String csp, ScraperConfig config) {
        return switch (csp.toLowerCase(Locale.ROOT)) {
            case "aws" -> new AwsBulkScraper(config);
            case "azure" -> new AzureRetailScraper();
            case "gcp" -> config.gcpApiKey().map(GcpCatalogScraper::new).orElseGet(GcpCatalogScraper::new);
            default -> throw new IllegalArgumentException("Unknown CSP '" + csp + "': expected one of " + Topics.CSPS);
        };
    }

    /** Every CSP's scraper, in {@link Topics#CSPS} order ({@code scrape all}). */
    public static List<PriceScraper> all(ScraperConfig config) {
        return Topics.CSPS.stream().map(csp -> forCsp(csp, config)).toList();
    }
}
