/**
 * The Azure Retail Prices API scraper: {@link io.pricestream.scrapers.azure.AzureRetailParser} (page bytes → items +
 * {@code NextPageLink}), {@link io.pricestream.scrapers.azure.AzureRetailScraper} (OData scope pushdown, paging, loop
 * detection, per-meter tier buffering) and the mapping to {@code SkuPrice}. See {@code scrapers/README.md}, "Azure".
 */
package io.pricestream.scrapers.azure;
