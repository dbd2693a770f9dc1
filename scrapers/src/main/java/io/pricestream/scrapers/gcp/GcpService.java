package io.pricestream.scrapers.gcp;

/** One entry of {@code services.list}: the id used in SKU URLs and the name people use. */
public record GcpService(String serviceId, String displayName) {
}
