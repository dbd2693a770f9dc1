package io.pricestream.scrapers.core;

import java.util.List;

/**
 * What a run fetches at all (pushed down to the API where it can be). An empty list means "all".
 * Services are AWS offer codes, Azure service names, GCP service ids or display names.
 */
public record ScrapeScope(List<String> services, List<String> regions) {

    public ScrapeScope {
        services = List.copyOf(services);
        regions = List.copyOf(regions);
    }

    public static ScrapeScope all() {
        return new ScrapeScope(List.of(), List.of());
    }

    public boolean includesService(String... names) {
        if (services.isEmpty()) {
            return true;
        }
        for (String name : names) {
            if (name != null && services.stream().anyMatch(s -> s.equalsIgnoreCase(name))) {
                return true;
            }
        }
        return false;
    }

    public boolean includesRegion(String region) {
        return regions.isEmpty() || regions.stream().anyMatch(r -> r.equalsIgnoreCase(region));
    }
}
