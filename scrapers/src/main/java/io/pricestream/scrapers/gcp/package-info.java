/**
 * The GCP Cloud Billing Catalog API v1 scraper: {@link io.pricestream.scrapers.gcp.GcpServicesParser} and
 * {@link io.pricestream.scrapers.gcp.GcpSkuParser} (page bytes → records + {@code nextPageToken}),
 * {@link io.pricestream.scrapers.gcp.GcpCatalogScraper} (services in scope, SKU paging, loop detection, API key
 * handling) and the mapping to {@code SkuPrice}. See {@code scrapers/README.md}, "GCP".
 */
package io.pricestream.scrapers.gcp;
