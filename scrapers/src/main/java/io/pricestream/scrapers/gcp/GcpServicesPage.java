package io.pricestream.scrapers.gcp;

import java.util.List;

/**
 * One page of {@code services.list}.
 *
 * @param nextPageToken {@code null} on the last page (the API sends {@code ""} or omits it)
 */
public record GcpServicesPage(List<GcpService> services, String nextPageToken) {

    public GcpServicesPage {
        services = List.copyOf(services);
    }
}
