package io.pricestream.scrapers.gcp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one {@code services.skus.list} page ({@code {"skus": [...], "nextPageToken": "..."}}) with Jackson's
 * streaming parser and hands each SKU over as soon as it is complete. Pure: no I/O besides the given stream.
 *
 * <p>Members are bound by name only (their order changed between API generations); unknown members are skipped.
 * Only the last {@code pricingInfo} entry — the current price — is kept. Money is {@code units + nanos·10⁻⁹},
 * exact (see {@link GcpMoney}); proto3 JSON omits zero values, so a missing {@code units}, {@code nanos} or
 * {@code startUsageAmount} is zero. A SKU without {@code skuId}, {@code category.serviceDisplayName},
 * {@code category.usageType}, {@code pricingInfo}, {@code pricingExpression.usageUnit} or a rate's
 * {@code unitPrice} fails with a {@link GcpPageException} naming the page, the SKU's index and id, and the field.
 */
public final class GcpSkuParser {

    /**
     * Parses a page, passing every SKU to {@code skus} in document order.
     *
     * @param source the page URL, used in error messages
     */
    public GcpSkuPage parse(InputStream body, String source, Consumer<GcpSku> skus) throws IOException {
        int[] count = {0};
        String[] nextPageToken = {null};
        GcpJson.readPage(body, source, (name, json) -> {
            switch (name) {
                case "skus" -> {
                    if (json.currentToken() == JsonToken.VALUE_NULL) {
                        return;
                    }
                    GcpJson.expect(json, JsonToken.START_ARRAY, "skus",
                            what -> new GcpPageException("GCP SKU page '" + source + "': " + what));
                    for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
                        skus.accept(readSku(json, new SkuFields(source, count[0])));
                        count[0]++;
                    }
                }
                case "nextPageToken" -> nextPageToken[0] = GcpJson.text(json, name,
                        what -> new GcpPageException("GCP SKU page '" + source + "': " + what));
                default -> { }
            }
        });
        String token = nextPageToken[0] == null || nextPageToken[0].isEmpty() ? null : nextPageToken[0];
        return new GcpSkuPage(token, count[0]);
    }

    private static GcpSku readSku(JsonParser json, SkuFields sku) throws IOException {
        GcpJson.expect(json, JsonToken.START_OBJECT, "skus[" + sku.index + "]", sku);
        GcpJson.readObject(json, (name, value) -> {
            switch (name) {
                case "skuId" -> sku.skuId = GcpJson.text(value, name, sku);
                case "description" -> sku.description = GcpJson.text(value, name, sku);
                case "category" -> readCategory(value, sku);
                case "serviceRegions" -> readRegions(value, sku);
                case "pricingInfo" -> readPricingInfos(value, sku);
                default -> { }
            }
        });
        return sku.build();
    }

    private static void readCategory(JsonParser json, SkuFields sku) throws IOException {
        GcpJson.expect(json, JsonToken.START_OBJECT, "category", sku);
        GcpJson.readObject(json, (name, value) -> {
            switch (name) {
                case "serviceDisplayName" -> sku.serviceDisplayName = GcpJson.text(value, "category.serviceDisplayName", sku);
                case "resourceFamily" -> sku.resourceFamily = GcpJson.text(value, "category.resourceFamily", sku);
                case "resourceGroup" -> sku.resourceGroup = GcpJson.text(value, "category.resourceGroup", sku);
                case "usageType" -> sku.usageType = GcpJson.text(value, "category.usageType", sku);
                default -> { }
            }
        });
    }

    private static void readRegions(JsonParser json, SkuFields sku) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        GcpJson.expect(json, JsonToken.START_ARRAY, "serviceRegions", sku);
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
            String region = GcpJson.text(json, "serviceRegions[" + sku.regions.size() + "]", sku);
            if (region == null || region.isBlank()) {
                throw sku.problem("serviceRegions[" + sku.regions.size() + "] is empty");
            }
            sku.regions.add(region);
        }
    }

    /** Reads every entry (the timeline) but keeps only the last one, the current price. */
    private static void readPricingInfos(JsonParser json, SkuFields sku) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        GcpJson.expect(json, JsonToken.START_ARRAY, "pricingInfo", sku);
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
            GcpJson.expect(json, JsonToken.START_OBJECT, "pricingInfo[]", sku);
            sku.startPricingInfo();
            GcpJson.readObject(json, (name, value) -> {
                switch (name) {
                    case "effectiveTime" -> sku.effectiveTime = GcpJson.text(value, "pricingInfo.effectiveTime", sku);
                    case "pricingExpression" -> readPricingExpression(value, sku);
                    default -> { }
                }
            });
        }
    }

    private static void readPricingExpression(JsonParser json, SkuFields sku) throws IOException {
        GcpJson.expect(json, JsonToken.START_OBJECT, "pricingExpression", sku);
        GcpJson.readObject(json, (name, value) -> {
            String field = "pricingExpression." + name;
            switch (name) {
                case "usageUnit" -> sku.usageUnit = GcpJson.text(value, field, sku);
                case "usageUnitDescription" -> sku.usageUnitDescription = GcpJson.text(value, field, sku);
                case "baseUnit" -> sku.baseUnit = GcpJson.text(value, field, sku);
                case "baseUnitConversionFactor" -> sku.baseUnitConversionFactor = GcpJson.decimal(value, field, sku);
                case "displayQuantity" -> sku.displayQuantity = GcpJson.decimal(value, field, sku);
                case "tieredRates" -> readTieredRates(value, sku);
                default -> { }
            }
        });
    }

    private static void readTieredRates(JsonParser json, SkuFields sku) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        GcpJson.expect(json, JsonToken.START_ARRAY, "tieredRates", sku);
        for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
            String at = "tieredRates[" + sku.rates.size() + "]";
            GcpJson.expect(json, JsonToken.START_OBJECT, at, sku);
            BigDecimal[] start = {BigDecimal.ZERO};
            Money[] price = {null};
            GcpJson.readObject(json, (name, value) -> {
                switch (name) {
                    case "startUsageAmount" -> {
                        BigDecimal amount = GcpJson.decimal(value, at + ".startUsageAmount", sku);
                        start[0] = amount == null ? BigDecimal.ZERO : amount;
                    }
                    case "unitPrice" -> price[0] = readMoney(value, at + ".unitPrice", sku);
                    default -> { }
                }
            });
            if (price[0] == null) {
                throw sku.problem("has no '" + at + ".unitPrice'");
            }
            sku.rates.add(new GcpSku.TieredRate(start[0], price[0].price(), price[0].currencyCode()));
        }
    }

    /** Reads a {@code Money} as one exact amount. */
    private static Money readMoney(JsonParser json, String field, SkuFields sku) throws IOException {
        GcpJson.expect(json, JsonToken.START_OBJECT, field, sku);
        String[] currencyAndUnits = new String[2];
        long[] nanos = {0};
        GcpJson.readObject(json, (name, value) -> {
            switch (name) {
                case "currencyCode" -> currencyAndUnits[0] = GcpJson.text(value, field + ".currencyCode", sku);
                case "units" -> currencyAndUnits[1] = GcpJson.text(value, field + ".units", sku);
                case "nanos" -> {
                    BigDecimal n = GcpJson.decimal(value, field + ".nanos", sku);
                    if (n != null) {
                        try {
                            nanos[0] = n.longValueExact();
                        } catch (ArithmeticException e) {
                            throw sku.problem("'" + field + ".nanos' is not an integer: " + n);
                        }
                    }
                }
                default -> { }
            }
        });
        if (currencyAndUnits[0] == null || currencyAndUnits[0].isBlank()) {
            throw sku.problem("has no '" + field + ".currencyCode'");
        }
        try {
            return new Money(GcpMoney.of(currencyAndUnits[1], nanos[0]), currencyAndUnits[0]);
        } catch (IllegalArgumentException e) {
            throw sku.problem("'" + field + "' is not a valid amount: " + e.getMessage());
        }
    }

    private record Money(BigDecimal price, String currencyCode) {
    }

    /** The members of one SKU as they are read, and where it is (for error messages). */
    private static final class SkuFields implements GcpJson.Where {
        private final String source;
        private final int index;
        private String skuId;
        private String description;
        private String serviceDisplayName;
        private String resourceFamily;
        private String resourceGroup;
        private String usageType;
        private final List<String> regions = new ArrayList<>(2);
        private boolean hasPricingInfo;
        private String usageUnit;
        private String usageUnitDescription;
        private String baseUnit;
        private BigDecimal baseUnitConversionFactor;
        private BigDecimal displayQuantity;
        private List<GcpSku.TieredRate> rates = new ArrayList<>(2);
        private String effectiveTime;

        SkuFields(String source, int index) {
            this.source = source;
            this.index = index;
        }

        /** A later pricingInfo entry replaces an earlier one: the timeline is chronological. */
        void startPricingInfo() {
            hasPricingInfo = true;
            usageUnit = null;
            usageUnitDescription = null;
            baseUnit = null;
            baseUnitConversionFactor = null;
            displayQuantity = null;
            rates = new ArrayList<>(2);
            effectiveTime = null;
        }

        @Override
        public GcpPageException problem(String what) {
            String id = skuId == null ? "" : " ('" + skuId + "')";
            return new GcpPageException("GCP SKU page '" + source + "', SKU " + index + id + ": " + what);
        }

        GcpSku build() throws GcpPageException {
            require(skuId, "skuId");
            require(serviceDisplayName, "category.serviceDisplayName");
            require(usageType, "category.usageType");
            if (!hasPricingInfo) {
                throw problem("has no 'pricingInfo'");
            }
            require(usageUnit, "pricingInfo.pricingExpression.usageUnit");
            Set<BigDecimal> starts = new HashSet<>();
            for (GcpSku.TieredRate rate : rates) {
                // BigDecimal.equals is scale-sensitive: compare stripped values so 1 and 1.0 collide.
                if (!starts.add(rate.startUsageAmount().stripTrailingZeros())) {
                    throw problem("has two tieredRates starting at " + rate.startUsageAmount().toPlainString()
                            + ": the tiers have no order");
                }
            }
            Instant effective = null;
            if (effectiveTime != null && !effectiveTime.isBlank()) {
                try {
                    effective = Instant.parse(effectiveTime);
                } catch (DateTimeParseException e) {
                    throw problem("'pricingInfo.effectiveTime' is not an RFC 3339 timestamp: '" + effectiveTime + "'");
                }
            }
            return new GcpSku(skuId, description, serviceDisplayName, resourceFamily, resourceGroup, usageType, regions,
                    usageUnit, usageUnitDescription, baseUnit, baseUnitConversionFactor, displayQuantity, rates, effective);
        }

        private void require(String value, String field) throws GcpPageException {
            if (value == null || value.isBlank()) {
                throw problem("has no '" + field + "'");
            }
        }
    }
}
