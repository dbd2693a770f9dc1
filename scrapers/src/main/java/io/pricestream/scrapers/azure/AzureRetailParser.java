package io.pricestream.scrapers.azure;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import io.pricestream.scrapers.json.JsonScalars;

/**
 * Reads one Azure Retail Prices page ({@code {"Items": [...], "NextPageLink": ...}}) with Jackson's streaming
 * parser and hands each item over as soon as it is complete. Pure: no I/O besides the given stream.
 *
 * <p>Numbers are read with {@link JsonParser#getDecimalValue()}, so {@code 1.7E-05} or {@code 0.000096} arrive
 * exactly as published. Unknown members are skipped (the API adds fields over time); a missing required member,
 * a number that is not a number, a body that is not JSON or ends early fails with an {@link AzurePageException}
 * naming the page and the item index.
 *
 * <p>One parser per run: it shares repeated strings between items (see {@link RepeatedValues}).
 */
public final class AzureRetailParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final RepeatedValues shared = new RepeatedValues();

    /**
     * Parses a page, passing every item to {@code items} in document order.
     *
     * @param source the page URL, used in error messages
     */
    public AzureRetailPage parse(InputStream body, String source, Consumer<AzureRetailItem> items) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            JsonToken first;
            try {
                first = json.nextToken();
            } catch (JsonProcessingException e) {
                throw new AzurePageException("Azure page '" + source + "' is not JSON" + htmlHint(e) + ": "
                        + e.getOriginalMessage(), e);
            }
            if (first == null) {
                throw new AzurePageException("Azure page '" + source + "' is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new AzurePageException("Azure page '" + source + "' is not a JSON object (starts with " + first + ")");
            }
            return readEnvelope(json, source, items);
        } catch (JsonProcessingException e) {
            if (endedEarly(e)) {
                throw new AzurePageException("Azure page '" + source + "' is truncated: " + e.getOriginalMessage(), e);
            }
            throw new AzurePageException("Azure page '" + source + "' is not valid JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private AzureRetailPage readEnvelope(JsonParser json, String source, Consumer<AzureRetailItem> items) throws IOException {
        String nextPageLink = null;
        int count = -1;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "Items" -> count = readItems(json, value, source, items);
                case "NextPageLink" -> nextPageLink = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
                default -> json.skipChildren();
            }
        }
        if (count < 0) {
            throw new AzurePageException("Azure page '" + source + "' has no 'Items' array");
        }
        return new AzureRetailPage(nextPageLink == null || nextPageLink.isBlank() ? null : nextPageLink, count);
    }

    private int readItems(JsonParser json, JsonToken value, String source, Consumer<AzureRetailItem> items) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new AzurePageException("Azure page '" + source + "': 'Items' is not an array but " + value);
        }
        int index = 0;
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
            if (element != JsonToken.START_OBJECT) {
                throw new AzurePageException("Azure page '" + source + "': item " + index + " is not an object but " + element);
            }
            items.accept(readItem(json, new Where(source, index)));
            index++;
        }
        return index;
    }

    private AzureRetailItem readItem(JsonParser json, Where where) throws IOException {
        String meterId = null;
        String skuId = null;
        String productId = null;
        String type = null;
        String reservationTerm = null;
        BigDecimal tierMinimumUnits = null;
        BigDecimal retailPrice = null;
        String currencyCode = null;
        String armRegionName = null;
        String location = null;
        String effectiveStartDate = null;
        String effectiveEndDate = null;
        String meterName = null;
        String productName = null;
        String skuName = null;
        String serviceName = null;
        String serviceId = null;
        String serviceFamily = null;
        String unitOfMeasure = null;
        Boolean isPrimaryMeterRegion = null;
        String armSkuName = null;
        List<AzureRetailItem.SavingsPlanRate> savingsPlans = List.of();

        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            switch (name) {
                case "meterId" -> meterId = JsonScalars.text(json, name, where);
                case "skuId" -> skuId = JsonScalars.text(json, name, where);
                case "productId" -> productId = shared.share(JsonScalars.text(json, name, where));
                case "type" -> type = shared.share(JsonScalars.text(json, name, where));
                case "reservationTerm" -> reservationTerm = shared.share(JsonScalars.text(json, name, where));
                case "tierMinimumUnits" -> tierMinimumUnits = JsonScalars.decimal(json, name, where);
                case "retailPrice" -> retailPrice = JsonScalars.decimal(json, name, where);
                case "currencyCode" -> currencyCode = shared.share(JsonScalars.text(json, name, where));
                case "armRegionName" -> armRegionName = shared.share(JsonScalars.text(json, name, where));
                case "location" -> location = shared.share(JsonScalars.text(json, name, where));
                case "effectiveStartDate" -> effectiveStartDate = JsonScalars.text(json, name, where);
                case "effectiveEndDate" -> effectiveEndDate = shared.share(JsonScalars.text(json, name, where));
                case "meterName" -> meterName = shared.share(JsonScalars.text(json, name, where));
                case "productName" -> productName = shared.share(JsonScalars.text(json, name, where));
                case "skuName" -> skuName = shared.share(JsonScalars.text(json, name, where));
                case "serviceName" -> serviceName = shared.share(JsonScalars.text(json, name, where));
                case "serviceId" -> serviceId = shared.share(JsonScalars.text(json, name, where));
                case "serviceFamily" -> serviceFamily = shared.share(JsonScalars.text(json, name, where));
                case "unitOfMeasure" -> unitOfMeasure = shared.share(JsonScalars.text(json, name, where));
                case "isPrimaryMeterRegion" -> isPrimaryMeterRegion = bool(json, name, where);
                case "armSkuName" -> armSkuName = shared.share(JsonScalars.text(json, name, where));
                case "savingsPlan" -> savingsPlans = savingsPlans(json, where);
                default -> json.skipChildren();
            }
        }
        require(meterId, "meterId", where);
        require(skuId, "skuId", where);
        require(type, "type", where);
        require(tierMinimumUnits, "tierMinimumUnits", where);
        require(retailPrice, "retailPrice", where);
        require(currencyCode, "currencyCode", where);
        require(armRegionName, "armRegionName", where);
        require(serviceName, "serviceName", where);
        require(unitOfMeasure, "unitOfMeasure", where);
        if ("Reservation".equals(type)) {
            require(reservationTerm, "reservationTerm", where);
        }
        return new AzureRetailItem(meterId, skuId, productId, type, reservationTerm, tierMinimumUnits, retailPrice,
                currencyCode, armRegionName, location, instant(effectiveStartDate, "effectiveStartDate", where),
                effectiveEndDate, meterName, productName, skuName, serviceName, serviceId, serviceFamily, unitOfMeasure,
                isPrimaryMeterRegion, armSkuName, savingsPlans);
    }

    private List<AzureRetailItem.SavingsPlanRate> savingsPlans(JsonParser json, Where where) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw where.problem("'savingsPlan' is not an array but " + json.currentToken());
        }
        List<AzureRetailItem.SavingsPlanRate> rates = new ArrayList<>(2);
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
            if (element != JsonToken.START_OBJECT) {
                throw where.problem("savingsPlan[" + rates.size() + "] is not an object but " + element);
            }
            String term = null;
            BigDecimal retailPrice = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                switch (name) {
                    case "term" -> term = shared.share(JsonScalars.text(json, "savingsPlan.term", where));
                    case "retailPrice" -> retailPrice = JsonScalars.decimal(json, "savingsPlan.retailPrice", where);
                    default -> json.skipChildren();
                }
            }
            require(term, "savingsPlan[" + rates.size() + "].term", where);
            require(retailPrice, "savingsPlan[" + rates.size() + "].retailPrice", where);
            rates.add(new AzureRetailItem.SavingsPlanRate(term, retailPrice));
        }
        return rates;
    }

    private static Boolean bool(JsonParser json, String field, Where where) throws IOException {
        JsonToken token = json.currentToken();
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_STRING -> Boolean.valueOf(json.getText());
            default -> throw where.problem("'" + field + "' is not a boolean but " + token);
        };
    }

    private Instant instant(String text, String field, Where where) throws AzurePageException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return shared.instant(text);
        } catch (DateTimeParseException e) {
            throw where.problem("'" + field + "' is not an ISO-8601 date-time: '" + text + "'");
        }
    }

    private static void require(Object value, String field, Where where) throws AzurePageException {
        if (value == null) {
            throw where.problem("has no '" + field + "'");
        }
    }

    private static String htmlHint(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && message.contains("'<'") ? " (looks like an HTML page)" : "";
    }


    /** Jackson reports a body that stops early either as {@link JsonEOFException} or as "Unexpected end-of-input". */
    private static boolean endedEarly(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || (e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input"));
    }

    /** Position of an item, for error messages. */
    private record Where(String source, int index) implements JsonScalars.Position {
        @Override
        public AzurePageException problem(String what) {
            return new AzurePageException("Azure page '" + source + "', item " + index + ": " + what);
        }
    }
}
