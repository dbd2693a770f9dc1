package io.pricestream.streams.change;

import java.util.List;

import io.pricestream.schemas.avro.RunScope;

/**
 * Whether a stored price lies inside a run's scope: its service (offer code, display name or service id,
 * compared case-insensitively with SkuPrice.service, service_name and the serviceId attribute) and its
 * region. An empty list = all.
 */
final class RunScopeMatcher {

    private final List<String> services;
    private final List<String> regions;

    RunScopeMatcher(RunScope scope) {
        this.services = List.copyOf(scope.getServices());
        this.regions = List.copyOf(scope.getRegions());
    }

    boolean covers(PriceState state) {
        return (services.isEmpty() || anyEqualsIgnoreCase(services, state.service()) || anyEqualsIgnoreCase(services, state.serviceName())
                || anyEqualsIgnoreCase(services, state.serviceId()))
                && (regions.isEmpty() || anyEqualsIgnoreCase(regions, state.region()));
    }

    private static boolean anyEqualsIgnoreCase(List<String> values, String candidate) {
        if (candidate == null) {
            return false;
        }
        for (String value : values) {
            if (value.equalsIgnoreCase(candidate)) {
                return true;
            }
        }
        return false;
    }
}
