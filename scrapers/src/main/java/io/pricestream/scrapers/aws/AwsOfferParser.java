package io.pricestream.scrapers.aws;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.http.MalformedBodyException;
import io.pricestream.scrapers.units.NormalisedUnit;
import io.pricestream.scrapers.units.UnitNormaliser;

/**
 * Streams one AWS per-region offer file ({@code /offers/v1.0/aws/<offer>/<version>/<region>/index.json}) into
 * {@link SkuPrice} records: one record per price dimension (rate code) of every OnDemand and Reserved term.
 *
 * <p>Pure: bytes in, records out; no network. It reads with Jackson's streaming {@link JsonParser}, never a tree:
 * offer files are hundreds of MB. {@code products} precedes {@code terms} in every real file, so the parser keeps a
 * compact map SKU → (product family, attributes) while it streams the terms. Attribute names and values are interned
 * per file and stored as a flat {@code String[]}, so the map costs roughly 40 bytes per attribute reference plus the
 * distinct strings — tens of MB for the largest regional EC2 file rather than the GBs of a tree. A file whose
 * {@code terms} come before {@code products} is refused with a clear error rather than buffered.
 *
 * <p>Errors (truncated JSON, an HTML page, a missing price, an unparsable range or date) raise
 * {@link MalformedBodyException} naming the offer file and the JSON location.
 */
public final class AwsOfferParser {

    private static final Logger LOG = LoggerFactory.getLogger(AwsOfferParser.class);
    // Offer files use SKUs and term codes as object keys: millions of names seen once. Canonicalising them filled
    // Jackson's symbol table for nothing; without it a token scan of a 22 MB EC2 file took 40 instead of 210 ms.
    private static final JsonFactory JSON = JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();
    private static final String INF = "Inf";

    /** The factory offer files are read with; the benchmark's parse limit scans with it too. */
    public static JsonFactory jsonFactory() {
        return JSON;
    }

    /** Which file is being parsed: the offer code and region it was fetched for, the expected version, and its URL. */
    public record Source(String offerCode, String region, String version, String location) {

        public String name() {
            return offerCode + "/" + region;
        }
    }

    /**
     * What one file held.
     *
     * @param version              the file's {@code version} (or the expected one when the file has none)
     * @param products             products listed
     * @param records              price records emitted
     * @param productsWithoutTerms products that no term referenced (no price, so no record)
     * @param termsWithoutProduct  SKUs with terms but no product entry (emitted without attributes)
     */
    public record Stats(String version, long products, long records, long productsWithoutTerms, long termsWithoutProduct) {
    }

    private final UnitNormaliser units;
    private final String runId;
    private final Instant observedAt;

    public AwsOfferParser(UnitNormaliser units, String runId, Instant observedAt) {
        this.units = units;
        this.runId = runId;
        this.observedAt = observedAt;
    }

    public Stats parse(InputStream body, Source source, PriceConsumer out) throws MalformedBodyException, IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            return new FileReader(parser, source, out).read();
        } catch (MalformedBodyException e) {
            throw e;
        } catch (JsonProcessingException e) {
            String what = e instanceof JsonParseException && e.getOriginalMessage().contains("'<'")
                    ? "not JSON (looks like an HTML page)" : "malformed or truncated JSON";
            throw new MalformedBodyException("AWS offer file " + source.name() + " (" + source.location() + "): " + what + ": "
                    + e.getOriginalMessage() + " at " + location(e), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown location"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Product facts kept while the terms stream by. */
    private static final class Product {
        final String family;
        final String[] attributes; // name, value, name, value, ... (interned)
        boolean priced;

        Product(String family, String[] attributes) {
            this.family = family;
            this.attributes = attributes;
        }

        Map<String, String> attributeMap() {
            Map<String, String> map = new LinkedHashMap<>(attributes.length);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                map.put(attributes[i], attributes[i + 1]);
            }
            return Collections.unmodifiableMap(map);
        }

        String attribute(String name) {
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                if (attributes[i].equals(name)) {
                    return attributes[i + 1];
                }
            }
            return null;
        }
    }

    /** One price dimension, buffered until its term's {@code termAttributes} (which follow the dimensions) are read. */
    private record Dimension(String rateCode, String unit, String beginRange, String endRange, String currency, String price) {
    }

    /** The state of one file's parse. */
    private final class FileReader {
        private final JsonParser p;
        private final Source source;
        private final PriceConsumer out;
        private final Map<String, String> pool = new HashMap<>();
        private Map<String, Product> products;
        private String version;
        private long records;
        private long orphanSkus;

        FileReader(JsonParser parser, Source source, PriceConsumer out) {
            this.p = parser;
            this.source = source;
            this.out = out;
        }

        Stats read() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the offer file");
            boolean termsSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "version" -> version = text(value, "version");
                    case "offerCode" -> {
                        String code = text(value, "offerCode");
                        if (!code.equals(source.offerCode())) {
                            LOG.warn("Offer file '{}' says offerCode '{}'", source.location(), code);
                        }
                    }
                    case "products" -> readProducts(value);
                    case "terms" -> {
                        if (products == null) {
                            throw malformed("'terms' comes before 'products'; this parser needs products first");
                        }
                        readTerms(value);
                        termsSeen = true;
                    }
                    default -> p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the offer file");
            if (p.nextToken() != null) {
                throw malformed("unexpected content after the offer file's closing brace");
            }
            if (products == null) {
                throw malformed("no 'products' object");
            }
            if (!termsSeen) {
                LOG.warn("Offer file '{}' has no 'terms': no prices", source.location());
            }
            long unpriced = products.values().stream().filter(pr -> !pr.priced).count();
            if (unpriced > 0) {
                LOG.debug("Offer file '{}': {} products without terms (no records)", source.location(), unpriced);
            }
            return new Stats(version == null ? source.version() : version, products.size(), records, unpriced, orphanSkus);
        }

        private void readProducts(JsonToken start) throws IOException {
            expect(start, JsonToken.START_OBJECT, "'products'");
            products = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String sku = p.currentName();
                expect(p.nextToken(), JsonToken.START_OBJECT, "product '" + sku + "'");
                String family = null;
                List<String> attributes = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("productFamily")) {
                        family = value == JsonToken.VALUE_NULL ? null : intern(text(value, "productFamily of '" + sku + "'"));
                    } else if (field.equals("attributes")) {
                        expect(value, JsonToken.START_OBJECT, "attributes of product '" + sku + "'");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = intern(p.currentName());
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_NULL) {
                                continue;
                            }
                            if (!v.isScalarValue()) {
                                throw malformed("attribute '" + name + "' of product '" + sku + "' is not a scalar");
                            }
                            attributes.add(name);
                            attributes.add(intern(p.getText()));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                products.put(intern(sku), new Product(family, attributes.toArray(String[]::new)));
            }
        }

        private void readTerms(JsonToken start) throws IOException {
            expect(start, JsonToken.START_OBJECT, "'terms'");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String termType = p.currentName();
                PurchaseOption option = switch (termType) {
                    case "OnDemand" -> PurchaseOption.ON_DEMAND;
                    case "Reserved" -> PurchaseOption.RESERVED;
                    default -> {
                        LOG.warn("Offer file '{}': unknown term type '{}', its prices are published as UNKNOWN", source.location(), termType);
                        yield PurchaseOption.UNKNOWN;
                    }
                };
                expect(p.nextToken(), JsonToken.START_OBJECT, "terms." + termType);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String sku = p.currentName();
                    Product product = products.get(sku);
                    if (product == null) {
                        orphanSkus++;
                        LOG.warn("Offer file '{}': terms for SKU '{}' which is not in 'products'", source.location(), sku);
                    } else {
                        product.priced = true;
                    }
                    Map<String, String> attributes = product == null ? Map.of() : product.attributeMap();
                    expect(p.nextToken(), JsonToken.START_OBJECT, "terms." + termType + "." + sku);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        readTerm(termType, option, sku, product, attributes);
                    }
                }
            }
        }

        private void readTerm(String termType, PurchaseOption option, String sku, Product product, Map<String, String> attributes)
                throws IOException {
            String termKey = p.currentName();
            expect(p.nextToken(), JsonToken.START_OBJECT, "term '" + termKey + "'");
            String effectiveDate = null;
            List<Dimension> dimensions = new ArrayList<>(2);
            Map<String, String> termAttributes = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "effectiveDate" -> effectiveDate = text(value, "effectiveDate of term '" + termKey + "'");
                    case "priceDimensions" -> {
                        expect(value, JsonToken.START_OBJECT, "priceDimensions of term '" + termKey + "'");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            dimensions.add(readDimension(p.currentName()));
                        }
                    }
                    case "termAttributes" -> termAttributes = readStringMap(value, "termAttributes of term '" + termKey + "'");
                    default -> p.skipChildren();
                }
            }
            if (dimensions.isEmpty()) {
                throw malformed("term '" + termKey + "' has no priceDimensions");
            }
            Instant effective = effectiveDate == null ? null : instant(effectiveDate, termKey);
            String term = option == PurchaseOption.ON_DEMAND ? null
                    : option == PurchaseOption.RESERVED ? reservedTerm(termAttributes) : termType;
            for (Dimension d : dimensions) {
                emit(sku, product, attributes, option, term, effective, d);
            }
        }

        private Dimension readDimension(String key) throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "price dimension '" + key + "'");
            String rateCode = key;
            String unit = null;
            String begin = null;
            String end = null;
            String currency = null;
            String price = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "rateCode" -> rateCode = text(value, "rateCode of '" + key + "'");
                    case "unit" -> unit = text(value, "unit of '" + key + "'");
                    case "beginRange" -> begin = text(value, "beginRange of '" + key + "'");
                    case "endRange" -> end = text(value, "endRange of '" + key + "'");
                    case "pricePerUnit" -> {
                        expect(value, JsonToken.START_OBJECT, "pricePerUnit of '" + key + "'");
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String cur = p.currentName();
                            String amount = text(p.nextToken(), "pricePerUnit." + cur + " of '" + key + "'");
                            // Files price in one currency (USD, or CNY on the China host); keep the first if ever several.
                            if (currency == null) {
                                currency = cur;
                                price = amount;
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (price == null) {
                throw malformed("price dimension '" + key + "' has no pricePerUnit");
            }
            return new Dimension(rateCode, unit == null ? "" : unit, begin, end, currency, price);
        }

        private void emit(String sku, Product product, Map<String, String> attributes, PurchaseOption option, String term,
                          Instant effective, Dimension d) throws MalformedBodyException {
            NormalisedUnit unit = units.normalise("aws", d.unit());
            String skuName = product == null ? null
                    : product.attribute("instanceType") != null ? product.attribute("instanceType") : product.attribute("usagetype");
            SkuPrice price = SkuPrice.newBuilder()
                    .setCsp("aws")
                    .setPriceId(d.rateCode())
                    .setSkuId(sku)
                    .setService(source.offerCode())
                    .setServiceName(product == null ? null : product.attribute("servicename"))
                    .setProductFamily(product == null ? null : product.family)
                    .setRegion(source.region())
                    .setSkuName(skuName)
                    .setUnit(unit.unit())
                    .setUnitPublished(d.unit())
                    .setUnitMultiplier(unit.multiplier())
                    .setTierStart(d.beginRange() == null ? BigDecimal.ZERO : decimal(d.beginRange(), "beginRange", d.rateCode()))
                    .setTierEnd(d.endRange() == null || d.endRange().equals(INF) ? null : decimal(d.endRange(), "endRange", d.rateCode()))
                    .setPrice(decimal(d.price(), "pricePerUnit", d.rateCode()))
                    .setCurrency(d.currency())
                    .setPurchaseOption(option)
                    .setTerm(term)
                    .setEffectiveFrom(effective)
                    .setAttributes(attributes)
                    .setObservedAt(observedAt)
                    .setRunId(runId)
                    .setSourceVersion(version == null ? source.version() : version)
                    .setStatus(PriceStatus.ACTIVE)
                    .build();
            out.accept(price);
            records++;
        }

        private String reservedTerm(Map<String, String> attributes) {
            List<String> parts = new ArrayList<>(3);
            for (String name : List.of("LeaseContractLength", "PurchaseOption", "OfferingClass")) {
                String v = attributes.get(name);
                if (v != null && !v.isBlank()) {
                    parts.add(v.trim().toLowerCase(Locale.ROOT).replace(' ', '_'));
                }
            }
            return parts.isEmpty() ? null : String.join("/", parts);
        }

        private Map<String, String> readStringMap(JsonToken start, String what) throws IOException {
            expect(start, JsonToken.START_OBJECT, what);
            Map<String, String> map = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                    map.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            return map;
        }

        private BigDecimal decimal(String text, String field, String rateCode) throws MalformedBodyException {
            try {
                return new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw malformed(field + " '" + text + "' of rate code '" + rateCode + "' is not a decimal number");
            }
        }

        private Instant instant(String text, String termKey) throws MalformedBodyException {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException notOffset) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw malformed("effectiveDate '" + text + "' of term '" + termKey + "' is not a date");
                    }
                }
            }
        }

        private String text(JsonToken token, String what) throws IOException {
            if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
                throw malformed(what + " should be a string but is " + token);
            }
            // An IOException here is the transfer failing (connection cut): it propagates as such and is retried.
            return p.getText();
        }

        private String intern(String s) {
            String known = pool.putIfAbsent(s, s);
            return known == null ? s : known;
        }

        private void expect(JsonToken actual, JsonToken expected, String what) throws MalformedBodyException {
            if (actual != expected) {
                throw malformed(what + " should start with " + expected + " but found " + actual);
            }
        }

        private MalformedBodyException malformed(String reason) {
            return new MalformedBodyException("AWS offer file " + source.name() + " (" + source.location() + "): " + reason
                    + " at line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
        }
    }
}
