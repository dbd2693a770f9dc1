package io.pricestream.cspsim.azure;

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

/** Serves {@code GET /api/retail/prices} with {@code api-version}, {@code $filter}, {@code $skip}. */
final class AzureRetailHandler extends SimHandler {
    static final String PATH = "/api/retail/prices";
    /** First api-version with savings plans and case-sensitive filter values. */
    static final String SAVINGS_PLAN_VERSION = "2023-01-01-preview";

    private final Catalogue catalogue;
    private final AzureRetailPrices prices;
    private final int pageSize;

    AzureRetailHandler(Catalogue catalogue, AzureRetailPrices prices, FaultInjector faults, int pageSize,
                       ResponseCache cache) {
        super(faults, cache, "azure");
        this.catalogue = catalogue;
        this.prices = prices;
        this.pageSize = pageSize;
    }

    @Override
    protected void serve(HttpExchange exchange, SimResponse response) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(PATH)) {
            error(response, 404, "No HTTP resource was found that matches the request URI");
            return;
        }
        Map<String, String> params = QueryString.parse(exchange.getRequestURI());
        String apiVersion = params.get("api-version");
        boolean modern = apiVersion != null && apiVersion.compareTo(SAVINGS_PLAN_VERSION) >= 0;
        String filterText = params.get("$filter");
        AzureFilter.Expression filter;
        long skip;
        try {
            filter = AzureFilter.parse(filterText, modern);
            skip = params.containsKey("$skip") ? Long.parseLong(params.get("$skip")) : 0;
            if (skip < 0) {
                throw new IllegalArgumentException("$skip must not be negative, was " + skip);
            }
            String currency = params.getOrDefault("currencyCode", "USD").replace("'", "");
            if (!currency.equals("USD")) {
                throw new IllegalArgumentException("currencyCode '" + currency + "' is not simulated; only USD");
            }
        } catch (NumberFormatException e) {
            error(response, 400, "Invalid $skip '" + params.get("$skip") + "'");
            return;
        } catch (IllegalArgumentException e) {
            error(response, 400, e.getMessage());
            return;
        }
        String meterRegion = params.get("meterRegion");
        boolean primaryOnly = meterRegion != null && meterRegion.replace("'", "").equals("primary");
        List<AzureItem> page = prices.page(catalogue.view(), filter, primaryOnly, skip, pageSize + 1);
        boolean more = page.size() > pageSize;
        List<AzureItem> items = more ? page.subList(0, pageSize) : page;
        String next = null;
        if (response.plan().pageLoop()) {
            next = link(exchange, apiVersion, filterText, meterRegion, skip);
        } else if (more) {
            next = link(exchange, apiVersion, filterText, meterRegion, skip + pageSize);
        }
        try (JsonGenerator json = response.json(200)) {
            json.writeStartObject();
            json.writeStringField("BillingCurrency", "USD");
            json.writeStringField("CustomerEntityId", "Default");
            json.writeStringField("CustomerEntityType", "Retail");
            json.writeArrayFieldStart("Items");
            for (AzureItem item : items) {
                writeItem(item, modern, json);
            }
            json.writeEndArray();
            json.writeStringField("NextPageLink", next);
            json.writeNumberField("Count", items.size());
            json.writeEndObject();
        }
    }

    private static void writeItem(AzureItem item, boolean savingsPlans, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("currencyCode", "USD");
        json.writeNumberField("tierMinimumUnits", item.tierMinimumUnits().setScale(Math.max(1,
                item.tierMinimumUnits().scale())));
        if (item.reservationTerm() != null) {
            json.writeStringField("reservationTerm", item.reservationTerm());
        }
        json.writeNumberField("retailPrice", item.retailPrice());
        json.writeNumberField("unitPrice", item.unitPrice());
        json.writeStringField("armRegionName", item.armRegionName());
        json.writeStringField("location", item.location());
        json.writeStringField("effectiveStartDate", item.effectiveStartDate());
        json.writeStringField("meterId", item.meterId());
        json.writeStringField("meterName", item.meterName());
        json.writeStringField("productId", item.productId());
        json.writeStringField("skuId", item.skuId());
        json.writeNullField("availabilityId");
        json.writeStringField("productName", item.productName());
        json.writeStringField("skuName", item.skuName());
        json.writeStringField("serviceName", item.serviceName());
        json.writeStringField("serviceId", item.serviceId());
        json.writeStringField("serviceFamily", item.serviceFamily());
        json.writeStringField("unitOfMeasure", item.unitOfMeasure());
        json.writeStringField("type", item.type());
        json.writeBooleanField("isPrimaryMeterRegion", item.isPrimaryMeterRegion());
        json.writeStringField("armSkuName", item.armSkuName());
        if (savingsPlans && !item.savingsPlan().isEmpty()) {
            json.writeArrayFieldStart("savingsPlan");
            for (AzureItem.SavingsPlan plan : item.savingsPlan()) {
                json.writeStartObject();
                json.writeNumberField("unitPrice", plan.unitPrice());
                json.writeNumberField("retailPrice", plan.retailPrice());
                json.writeStringField("term", plan.term());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** Absolute link to the page at {@code skip}, carrying the request's api-version, filter and meterRegion. */
    private static String link(HttpExchange exchange, String apiVersion, String filter, String meterRegion, long skip) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            host = exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort();
        }
        StringBuilder link = new StringBuilder("http://").append(host).append(PATH).append('?');
        if (apiVersion != null) {
            link.append("api-version=").append(QueryString.encode(apiVersion)).append('&');
        }
        if (filter != null) {
            link.append("$filter=").append(QueryString.encode(filter)).append('&');
        }
        if (meterRegion != null) {
            link.append("meterRegion=").append(QueryString.encode(meterRegion)).append('&');
        }
        return link.append("$skip=").append(skip).toString();
    }

    @Override
    protected void error(SimResponse response, int status, String message) throws IOException {
        String code = status == 429 ? "TooManyRequests" : status == 404 ? "NotFound" : status >= 500
                ? "ServiceUnavailable" : "BadRequest";
        try (JsonGenerator json = response.json(status)) {
            json.writeStartObject();
            json.writeObjectFieldStart("Error");
            json.writeStringField("Code", code);
            json.writeStringField("Message", message);
            json.writeEndObject();
            json.writeEndObject();
        }
    }

}
