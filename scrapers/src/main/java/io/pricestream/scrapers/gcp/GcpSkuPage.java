package io.pricestream.scrapers.gcp;

/**
 * What one {@code services.skus.list} page said besides its SKUs.
 *
 * @param nextPageToken {@code null} on the last page (the API sends {@code ""} or omits it)
 * @param skus          number of SKUs the page held
 */
public record GcpSkuPage(String nextPageToken, int skus) {
}
