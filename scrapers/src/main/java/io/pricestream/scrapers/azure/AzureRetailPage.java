package io.pricestream.scrapers.azure;

/**
 * What one Retail Prices page said besides its items.
 *
 * @param nextPageLink the absolute URL of the next page, {@code null} on the last page
 * @param items        number of items the page held
 */
public record AzureRetailPage(String nextPageLink, int items) {
}
