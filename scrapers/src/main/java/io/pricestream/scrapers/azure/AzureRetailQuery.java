package io.pricestream.scrapers.azure;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import io.pricestream.scrapers.core.ScrapeScope;

/**
 * Builds the first Retail Prices request of a run with the scope pushed down as an OData {@code $filter}:
 * {@code (serviceName eq 'A' or serviceName eq 'B') and (armRegionName eq 'x')}. Later pages come from the
 * API's own {@code NextPageLink}, which already carries the filter.
 *
 * <p>Since {@code 2023-01-01-preview} filter values are case-sensitive, so scope values are sent as written.
 */
final class AzureRetailQuery {

    static final String API_VERSION = "2023-01-01-preview";
    static final String PATH = "/api/retail/prices";

    private AzureRetailQuery() {
    }

    static URI firstPage(URI apiBase, ScrapeScope scope) {
        String base = apiBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        StringBuilder url = new StringBuilder(base).append(PATH).append("?api-version=").append(API_VERSION);
        String filter = filter(scope);
        if (!filter.isEmpty()) {
            url.append("&$filter=").append(encode(filter));
        }
        return URI.create(url.toString());
    }

    /** The OData filter for {@code scope}, empty when the scope is "everything". */
    static String filter(ScrapeScope scope) {
        String services = anyOf("serviceName", scope.services());
        String regions = anyOf("armRegionName", scope.regions());
        if (services.isEmpty()) {
            return regions;
        }
        return regions.isEmpty() ? services : services + " and " + regions;
    }

    private static String anyOf(String field, List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        String terms = values.stream()
                .map(value -> field + " eq '" + value.replace("'", "''") + "'")
                .collect(Collectors.joining(" or "));
        return values.size() == 1 ? terms : "(" + terms + ")";
    }

    /** Query-component encoding with spaces as {@code %20}: {@code +} is not a space to every OData server. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
