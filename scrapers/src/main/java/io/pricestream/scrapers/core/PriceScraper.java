package io.pricestream.scrapers.core;

/**
 * Reads one CSP's price API and streams every price point in the run's scope, normalised.
 *
 * <p>Implementations orchestrate fetching (paging, indexes) and delegate bytes → records to a parser
 * ({@code AwsOfferParser}, {@code AzureRetailParser}, {@code GcpSkuParser}). They never publish: the
 * {@link PriceConsumer} given by the run does. Any failure that could leave the run incomplete throws
 * {@link ScrapeException}; a run that threw never retires anything.
 */
public interface PriceScraper {

    /** {@code aws}, {@code azure} or {@code gcp}. */
    String csp();

    ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException;
}
