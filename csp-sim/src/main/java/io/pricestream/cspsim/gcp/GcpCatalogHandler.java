package io.pricestream.cspsim.gcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.pricestream.cspsim.catalogue.Catalogue;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.QueryString;
import io.pricestream.cspsim.http.ResponseCache;
import io.pricestream.cspsim.http.SimHandler;
import io.pricestream.cspsim.http.SimResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Serves {@code GET /v1/services} and {@code GET /v1/services/{id}/skus}, both keyed by an API key. */
final class GcpCatalogHandler extends SimHandler {
    static final String PATH = "/v1/services";
    static final int MAX_PAGE_SIZE = 5000;

    private final Catalogue catalogue;
    private final GcpCatalog skus;
    private final String apiKey;

    GcpCatalogHandler(Catalogue catalogue, GcpCatalog skus, FaultInjector faults, String apiKey, ResponseCache cache) {
        super(faults, cache, "gcp");
        this.catalogue = catalogue;
        this.skus = skus;
        this.apiKey = apiKey;
    }

    @Override
    protected void serve(HttpExchange exchange, SimResponse response) throws IOException {
        Map<String, String> params = QueryString.parse(exchange.getRequestURI());
        String key = params.getOrDefault("key", exchange.getRequestHeaders().getFirst("X-Goog-Api-Key"));
        if (key == null || key.isEmpty()) {
            googleError(response, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                    + "established identity). Please use API Key or other form of API consumer identity to call this API.",
                    "SERVICE_DISABLED");
            return;
        }
        if (!key.equals(apiKey)) {
            googleError(response, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                    "API_KEY_INVALID");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        int pageSize;
        try {
            pageSize = params.containsKey("pageSize") ? Integer.parseInt(params.get("pageSize")) : MAX_PAGE_SIZE;
            if (pageSize < 0) {
                throw new NumberFormatException();
            }
            pageSize = pageSize == 0 || pageSize > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : pageSize;
        } catch (NumberFormatException e) {
            googleError(response, 400, "INVALID_ARGUMENT", "Invalid value at 'page_size' (TYPE_INT32), \""
                    + params.get("pageSize") + "\"", null);
            return;
        }
        String currency = params.getOrDefault("currencyCode", "USD");
        if (!currency.equals("USD")) {
            googleError(response, 400, "INVALID_ARGUMENT", "currencyCode " + currency + " is not simulated; only USD", null);
            return;
        }
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            listServices(params.get("pageToken"), pageSize, response);
            return;
        }
        String[] parts = path.substring(PATH.length()).split("/");
        GcpService service = parts.length == 3 && parts[2].equals("skus") ? GcpService.byId(parts[1]) : null;
        if (service == null) {
            googleError(response, 404, "NOT_FOUND", "Requested entity was not found: " + path, null);
            return;
        }
        listSkus(service, params.get("pageToken"), pageSize, response);
    }

    private void listServices(String token, int pageSize, SimResponse response) throws IOException {
        long offset;
        try {
            offset = GcpPageToken.decode("services", token);
        } catch (IllegalArgumentException e) {
            googleError(response, 400, "INVALID_ARGUMENT", e.getMessage(), null);
            return;
        }
        List<GcpService> all = GcpService.ALL;
        int from = (int) Math.min(offset, all.size());
        int to = Math.min(all.size(), from + pageSize);
        String next = response.plan().pageLoop() ? GcpPageToken.encode("services", from)
                : to < all.size() ? GcpPageToken.encode("services", to) : "";
        try (JsonGenerator json = response.json(200)) {
            json.writeStartObject();
            json.writeArrayFieldStart("services");
            for (GcpService service : all.subList(from, to)) {
                json.writeStartObject();
                json.writeStringField("name", "services/" + service.serviceId());
                json.writeStringField("serviceId", service.serviceId());
                json.writeStringField("displayName", service.displayName());
                json.writeStringField("businessEntityName", "businessEntities/GCP");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("nextPageToken", next);
            json.writeEndObject();
        }
    }

    private void listSkus(GcpService service, String token, int pageSize, SimResponse response) throws IOException {
        String scope = "skus/" + service.serviceId();
        long offset;
        try {
            offset = GcpPageToken.decode(scope, token);
        } catch (IllegalArgumentException e) {
            googleError(response, 400, "INVALID_ARGUMENT", e.getMessage(), null);
            return;
        }
        List<GcpSku> page = skus.page(catalogue.view(), service, offset, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<GcpSku> items = more ? page.subList(0, pageSize) : page;
        String next = response.plan().pageLoop() ? GcpPageToken.encode(scope, offset)
                : more ? GcpPageToken.encode(scope, offset + pageSize) : "";
        try (JsonGenerator json = response.json(200)) {
            json.writeStartObject();
            json.writeArrayFieldStart("skus");
            for (GcpSku sku : items) {
                writeSku(sku, json);
            }
            json.writeEndArray();
            json.writeStringField("nextPageToken", next);
            json.writeEndObject();
        }
    }

    private static void writeSku(GcpSku sku, JsonGenerator json) throws IOException {
        GcpKind kind = sku.kind();
        json.writeStartObject();
        json.writeStringField("name", sku.name());
        json.writeStringField("skuId", sku.skuId());
        json.writeStringField("description", sku.description());
        json.writeObjectFieldStart("category");
        json.writeStringField("serviceDisplayName", sku.service().displayName());
        json.writeStringField("resourceFamily", kind.resourceFamily);
        json.writeStringField("resourceGroup", kind.resourceGroup);
        json.writeStringField("usageType", sku.usageType());
        json.writeEndObject();
        json.writeArrayFieldStart("serviceRegions");
        for (String region : sku.serviceRegions()) {
            json.writeString(region);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("pricingInfo");
        json.writeStartObject();
        json.writeStringField("summary", "");
        json.writeObjectFieldStart("pricingExpression");
        json.writeStringField("usageUnit", kind.usageUnit);
        json.writeNumberField("displayQuantity", 1);
        json.writeArrayFieldStart("tieredRates");
        for (GcpSku.Tier tier : sku.tiers()) {
            json.writeStartObject();
            json.writeNumberField("startUsageAmount", tier.startUsageAmount());
            json.writeObjectFieldStart("unitPrice");
            json.writeStringField("currencyCode", "USD");
            json.writeStringField("units", Long.toString(tier.units()));
            json.writeNumberField("nanos", tier.nanos());
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("usageUnitDescription", kind.usageUnitDescription);
        json.writeStringField("baseUnit", kind.baseUnit);
        json.writeStringField("baseUnitDescription", kind.baseUnitDescription);
        json.writeFieldName("baseUnitConversionFactor");
        json.writeNumber(kind.baseUnitConversionFactor); // verbatim: the real API uses exponent notation for big factors
        json.writeEndObject();
        json.writeObjectFieldStart("aggregationInfo");
        json.writeStringField("aggregationLevel", "ACCOUNT");
        json.writeStringField("aggregationInterval", "MONTHLY");
        json.writeNumberField("aggregationCount", 1);
        json.writeEndObject();
        json.writeNumberField("currencyConversionRate", 1);
        json.writeStringField("effectiveTime", sku.effectiveTime());
        json.writeEndObject();
        json.writeEndArray();
        json.writeStringField("serviceProviderName", "Google");
        json.writeObjectFieldStart("geoTaxonomy");
        json.writeStringField("type", sku.geoTaxonomyType());
        json.writeArrayFieldStart("regions");
        if (!sku.geoTaxonomyType().equals("GLOBAL")) {
            for (String region : sku.serviceRegions()) {
                json.writeString(region);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    protected void error(SimResponse response, int status, String message) throws IOException {
        String state = status == 429 ? "RESOURCE_EXHAUSTED" : status >= 500 ? "UNAVAILABLE" : status == 405
                ? "INVALID_ARGUMENT" : "NOT_FOUND";
        googleError(response, status, state, message, null);
    }

    private static void googleError(SimResponse response, int status, String state, String message, String reason)
            throws IOException {
        try (JsonGenerator json = response.json(status)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeNumberField("code", status);
            json.writeStringField("message", message);
            json.writeStringField("status", state);
            if (reason != null) {
                json.writeArrayFieldStart("details");
                json.writeStartObject();
                json.writeStringField("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                json.writeStringField("reason", reason);
                json.writeStringField("domain", "googleapis.com");
                json.writeObjectFieldStart("metadata");
                json.writeStringField("service", "cloudbilling.googleapis.com");
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }
}
