package io.pricestream.cspsim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The simplest scraper that follows the README's rules (discovery chain, paging, price_id, price),
 * used by tests to compare what is served with the truth. Fetches through a function so it runs
 * in memory (unit tests) or over HTTP (integration tests).
 */
public final class ReferenceScraper {
    /** One scraped price point. */
    public record Point(String service, String region, BigDecimal price) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Function<String, byte[]> fetch;
    private final String gcpKey;

    /** @param fetch path-and-query → response body (must fail on a non-200 answer) */
    public ReferenceScraper(Function<String, byte[]> fetch, String gcpKey) {
        this.fetch = fetch;
        this.gcpKey = gcpKey;
    }

    /** The truth as the same price_id → point map, for comparison. */
    public static Map<String, Point> expected(CatalogueTruth truth, Csp csp) {
        Map<String, Point> points = new LinkedHashMap<>();
        truth.forEach(csp, p -> {
            if (points.put(p.priceId(), new Point(p.service(), p.region(), p.price().stripTrailingZeros())) != null) {
                throw new AssertionError("duplicate expected price_id " + p.priceId());
            }
        });
        return points;
    }

    /** Differences between two scrapes (at most 10 of each kind), empty when equal. */
    public static java.util.List<String> differences(Map<String, Point> expected, Map<String, Point> actual) {
        java.util.List<String> out = new java.util.ArrayList<>();
        expected.keySet().stream().filter(k -> !actual.containsKey(k)).limit(10).forEach(k -> out.add("missing " + k
                + " " + expected.get(k)));
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).limit(10).forEach(k -> out.add("unexpected " + k
                + " " + actual.get(k)));
        expected.keySet().stream().filter(k -> actual.containsKey(k) && !actual.get(k).equals(expected.get(k))).limit(10)
                .forEach(k -> out.add("different " + k + " expected " + expected.get(k) + " got " + actual.get(k)));
        return out;
    }

    public Map<String, Point> scrape(Csp csp) {
        return switch (csp) {
            case AWS -> aws();
            case AZURE -> azure();
            case GCP -> gcp();
        };
    }

    private Map<String, Point> aws() {
        Map<String, Point> points = new LinkedHashMap<>();
        JsonNode index = json("/offers/v1.0/aws/index.json");
        for (JsonNode offer : index.get("offers")) {
            String code = offer.get("offerCode").asText();
            JsonNode regions = json(offer.get("currentRegionIndexUrl").asText()).get("regions");
            for (JsonNode region : regions) {
                JsonNode file = json(region.get("currentVersionUrl").asText());
                for (String type : new String[] {"OnDemand", "Reserved"}) {
                    for (JsonNode skuTerms : file.get("terms").get(type)) {
                        for (JsonNode term : skuTerms) {
                            for (JsonNode dimension : term.get("priceDimensions")) {
                                put(points, dimension.get("rateCode").asText(), new Point(code,
                                        region.get("regionCode").asText(),
                                        new BigDecimal(dimension.get("pricePerUnit").get("USD").asText()).stripTrailingZeros()));
                            }
                        }
                    }
                }
            }
        }
        return points;
    }

    private Map<String, Point> azure() {
        Map<String, Point> points = new LinkedHashMap<>();
        String next = "/api/retail/prices?api-version=2023-01-01-preview";
        while (next != null) {
            JsonNode page = json(next);
            for (JsonNode item : page.get("Items")) {
                String id = item.get("meterId").asText() + "/" + item.get("skuId").asText() + "/"
                        + item.get("type").asText() + "/" + (item.has("reservationTerm")
                        ? item.get("reservationTerm").asText() : "") + "/"
                        + plain(item.get("tierMinimumUnits").decimalValue());
                Point point = new Point(item.get("serviceName").asText(), item.get("armRegionName").asText(),
                        item.get("retailPrice").decimalValue().stripTrailingZeros());
                put(points, id, point);
                if (item.has("savingsPlan")) {
                    for (JsonNode plan : item.get("savingsPlan")) {
                        put(points, item.get("meterId").asText() + "/" + item.get("skuId").asText() + "/SavingsPlan/"
                                + plan.get("term").asText() + "/" + plain(item.get("tierMinimumUnits").decimalValue()),
                                new Point(point.service(), point.region(),
                                plan.get("retailPrice").decimalValue().stripTrailingZeros()));
                    }
                }
            }
            next = page.get("NextPageLink").isNull() ? null : pathOf(page.get("NextPageLink").asText());
        }
        return points;
    }

    private Map<String, Point> gcp() {
        Map<String, Point> points = new LinkedHashMap<>();
        for (JsonNode service : json("/v1/services?key=" + gcpKey).get("services")) {
            String token = "";
            do {
                JsonNode page = json("/v1/services/" + service.get("serviceId").asText() + "/skus?key=" + gcpKey
                        + "&currencyCode=USD&pageSize=50" + (token.isEmpty() ? "" : "&pageToken=" + token));
                for (JsonNode sku : page.get("skus")) {
                    JsonNode pricing = sku.get("pricingInfo").get(sku.get("pricingInfo").size() - 1);
                    for (JsonNode region : sku.get("serviceRegions")) {
                        for (JsonNode tier : pricing.get("pricingExpression").get("tieredRates")) {
                            JsonNode money = tier.get("unitPrice");
                            BigDecimal price = new BigDecimal(money.get("units").asText())
                                    .add(BigDecimal.valueOf(money.get("nanos").asLong(), 9));
                            put(points, sku.get("skuId").asText() + "/" + region.asText() + "/"
                                    + plain(tier.get("startUsageAmount").decimalValue()),
                                    new Point(service.get("displayName").asText(), region.asText(),
                                            price.stripTrailingZeros()));
                        }
                    }
                }
                token = page.get("nextPageToken").asText();
            } while (!token.isEmpty());
        }
        return points;
    }

    private static void put(Map<String, Point> points, String id, Point point) {
        if (points.put(id, point) != null) {
            throw new AssertionError("price_id served twice: " + id);
        }
    }

    private JsonNode json(String pathAndQuery) {
        try {
            return MAPPER.readTree(fetch.apply(pathAndQuery));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + pathAndQuery, e);
        }
    }

    /** Path and query of an absolute link (the links are followed through the same fetch function). */
    public static String pathOf(String absolute) {
        URI uri = URI.create(absolute);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

}
