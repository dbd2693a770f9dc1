package io.pricestream.cspsim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.cspsim.testing.InMemoryApis;
import io.pricestream.cspsim.testing.InMemoryExchange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The served documents have the field names and JSON types of CSP-FORMATS.md. */
class ServedFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final SimulatedClouds clouds = new SimulatedClouds(20_000, 41);
    private final InMemoryApis apis = new InMemoryApis(clouds, 100);

    @Test
    void shouldServeTheAwsDiscoveryChainWithRelativeUrls() throws IOException {
        JsonNode index = json("/offers/v1.0/aws/index.json");
        assertThat(index.get("formatVersion").asText()).isEqualTo("v1.0");
        assertThat(index.get("publicationDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        JsonNode ec2 = index.get("offers").get("AmazonEC2");
        assertThat(ec2.get("currentRegionIndexUrl").asText()).isEqualTo("/offers/v1.0/aws/AmazonEC2/current/region_index.json");
        assertThat(ec2.has("savingsPlanVersionIndexUrl")).isTrue();
        assertThat(index.get("offers").get("AmazonS3").has("savingsPlanVersionIndexUrl")).isFalse();
        for (String offer : List.of("AmazonEC2", "AmazonS3", "AWSELB", "AmazonEKS", "AWSDataTransfer")) {
            assertThat(index.get("offers").has(offer)).as(offer).isTrue();
        }
        JsonNode regions = json(ec2.get("currentRegionIndexUrl").asText()).get("regions");
        assertThat(regions.size()).isGreaterThan(30);
        JsonNode useast1 = regions.get("us-east-1");
        assertThat(useast1.get("regionCode").asText()).isEqualTo("us-east-1");
        assertThat(useast1.get("currentVersionUrl").asText()).matches("/offers/v1.0/aws/AmazonEC2/\\d{14}/us-east-1/index.json");
        JsonNode versions = json("/offers/v1.0/aws/AmazonEC2/index.json");
        assertThat(versions.get("currentVersion").asText()).matches("\\d{14}");
        assertThat(versions.get("versions").get(versions.get("currentVersion").asText())
                .get("versionEffectiveEndDate").asText()).isEmpty();
    }

    @Test
    void shouldServeAwsOfferFilesWithProductsAndBothTermTypes() throws IOException {
        String url = json("/offers/v1.0/aws/AmazonEC2/current/region_index.json").get("regions").get("us-east-1")
                .get("currentVersionUrl").asText();
        JsonNode file = json(url);
        assertThat(file.get("offerCode").asText()).isEqualTo("AmazonEC2");
        assertThat(url).contains("/" + file.get("version").asText() + "/");
        assertThat(file.get("version").asText()).isEqualTo(file.get("publicationDate").asText().replaceAll("[-:TZ]", ""));
        Set<String> families = new HashSet<>();
        int withoutTerms = 0;
        for (var entry : iterable(file.get("products"))) {
            JsonNode product = entry.getValue();
            assertThat(product.get("sku").asText()).isEqualTo(entry.getKey()).matches("[A-Z0-9]{16}");
            families.add(product.get("productFamily").asText());
            product.get("attributes").forEach(value -> assertThat(value.isTextual()).isTrue());
            withoutTerms += file.get("terms").get("OnDemand").has(entry.getKey()) ? 0 : 1;
        }
        assertThat(families).contains("Compute Instance", "Storage", "Data Transfer", "IP Address");
        assertThat(withoutTerms).isPositive();
        Set<String> units = new HashSet<>();
        boolean unboundedTier = false;
        boolean zeroFirstTier = false;
        for (var skuTerms : iterable(file.get("terms").get("OnDemand"))) {
            for (var term : iterable(skuTerms.getValue())) {
                JsonNode t = term.getValue();
                assertThat(term.getKey()).isEqualTo(skuTerms.getKey() + "." + t.get("offerTermCode").asText());
                assertThat(t.get("termAttributes").size()).isZero();
                for (var dim : iterable(t.get("priceDimensions"))) {
                    JsonNode d = dim.getValue();
                    assertThat(d.get("rateCode").asText()).isEqualTo(dim.getKey()).startsWith(term.getKey() + ".");
                    assertThat(d.get("pricePerUnit").get("USD").asText()).matches("\\d+\\.\\d{10}");
                    assertThat(d.get("appliesTo").isArray()).isTrue();
                    units.add(d.get("unit").asText());
                    unboundedTier |= d.get("endRange").asText().equals("Inf") && !d.get("beginRange").asText().equals("0");
                    zeroFirstTier |= d.get("beginRange").asText().equals("0") && !d.get("endRange").asText().equals("Inf")
                            && new BigDecimal(d.get("pricePerUnit").get("USD").asText()).signum() == 0;
                }
            }
        }
        assertThat(units).contains("Hrs", "GB-Mo", "GB", "Widget-Hrs");
        assertThat(unboundedTier).isTrue();
        assertThat(zeroFirstTier).isTrue();
        Set<String> purchaseOptions = new HashSet<>();
        boolean upfrontAsInteger = false;
        for (var skuTerms : iterable(file.get("terms").get("Reserved"))) {
            for (var term : iterable(skuTerms.getValue())) {
                JsonNode attributes = term.getValue().get("termAttributes");
                assertThat(attributes.get("LeaseContractLength").asText()).isIn("1yr", "3yr");
                assertThat(attributes.get("OfferingClass").asText()).isIn("standard", "convertible");
                purchaseOptions.add(attributes.get("PurchaseOption").asText());
                for (JsonNode d : term.getValue().get("priceDimensions")) {
                    if (d.get("unit").asText().equals("Quantity")) {
                        upfrontAsInteger |= d.get("pricePerUnit").get("USD").asText().matches("\\d+");
                        assertThat(d.has("beginRange")).isFalse();
                    }
                }
            }
        }
        assertThat(purchaseOptions).containsExactlyInAnyOrder("No Upfront", "Partial Upfront", "All Upfront");
        assertThat(upfrontAsInteger).isTrue();
    }

    @Test
    void shouldServeAzureItemsWithAllFieldsAndAbsolutePaging() throws IOException {
        JsonNode page = json("/api/retail/prices?api-version=2023-01-01-preview&$filter="
                + "serviceName%20eq%20%27Virtual%20Machines%27");
        assertThat(page.get("BillingCurrency").asText()).isEqualTo("USD");
        assertThat(page.get("CustomerEntityId").asText()).isEqualTo("Default");
        assertThat(page.get("CustomerEntityType").asText()).isEqualTo("Retail");
        assertThat(page.get("Count").asInt()).isEqualTo(100).isEqualTo(page.get("Items").size());
        assertThat(page.get("NextPageLink").asText()).isEqualTo("http://sim.test:443/api/retail/prices?"
                + "api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Virtual%20Machines%27&$skip=100");
        Set<String> types = new HashSet<>();
        Set<String> skuNames = new HashSet<>();
        boolean savingsPlan = false;
        String previousMeter = "";
        for (JsonNode item : page.get("Items")) {
            for (String field : List.of("currencyCode", "armRegionName", "location", "effectiveStartDate", "meterId",
                    "meterName", "productId", "skuId", "productName", "skuName", "serviceName", "serviceId",
                    "serviceFamily", "unitOfMeasure", "type", "armSkuName")) {
                assertThat(item.get(field).isTextual()).as(field).isTrue();
            }
            for (String field : List.of("tierMinimumUnits", "retailPrice", "unitPrice")) {
                assertThat(item.get(field).isNumber()).as(field).isTrue();
            }
            assertThat(item.get("isPrimaryMeterRegion").isBoolean()).isTrue();
            assertThat(item.get("meterId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(item.get("skuId").asText()).startsWith(item.get("productId").asText() + "/");
            assertThat(item.get("meterId").asText()).isGreaterThanOrEqualTo(previousMeter);
            previousMeter = item.get("meterId").asText();
            types.add(item.get("type").asText());
            skuNames.add(item.get("skuName").asText());
            assertThat(item.has("reservationTerm")).isEqualTo(item.get("type").asText().equals("Reservation"));
            if (item.has("savingsPlan")) {
                savingsPlan = true;
                for (JsonNode plan : item.get("savingsPlan")) {
                    assertThat(plan.get("unitPrice").isNumber()).isTrue();
                    assertThat(plan.get("retailPrice").isNumber()).isTrue();
                    assertThat(plan.get("term").asText()).isIn("1 Year", "3 Years");
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrder("Consumption", "DevTestConsumption", "Reservation");
        assertThat(skuNames).anyMatch(n -> n.endsWith(" Spot")).anyMatch(n -> n.endsWith(" Low Priority"));
        assertThat(savingsPlan).isTrue();
        JsonNode legacy = json("/api/retail/prices?api-version=2021-10-01-preview&$filter="
                + "serviceName%20eq%20%27Virtual%20Machines%27");
        legacy.get("Items").forEach(item -> assertThat(item.has("savingsPlan")).isFalse());
    }

    @Test
    void shouldServeAzureTiersUnsortedAndNonPrimaryRows() throws IOException {
        JsonNode page = json("/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Storage%27");
        List<BigDecimal> tiers = new ArrayList<>();
        boolean nonPrimary = false;
        String meter = page.get("Items").get(0).get("meterId").asText();
        for (JsonNode item : page.get("Items")) {
            if (item.get("meterId").asText().equals(meter)) {
                tiers.add(item.get("tierMinimumUnits").decimalValue());
            }
            nonPrimary |= !item.get("isPrimaryMeterRegion").asBoolean();
        }
        assertThat(tiers).hasSize(3).isNotEqualTo(tiers.stream().sorted().toList());
        assertThat(nonPrimary).isTrue();
        JsonNode global = json("/api/retail/prices?api-version=2023-01-01-preview&$filter=armRegionName%20eq%20%27%27");
        assertThat(global.get("Items").size()).isPositive();
        assertThat(global.get("Items").get(0).get("location").asText()).isEmpty();
    }

    @Test
    void shouldServeGcpServicesAndSkusWithMoneyAsUnitsAndNanos() throws IOException {
        JsonNode services = json("/v1/services?key=test-key");
        assertThat(services.get("nextPageToken").asText()).isEmpty();
        Set<String> names = new HashSet<>();
        for (JsonNode service : services.get("services")) {
            assertThat(service.get("name").asText()).isEqualTo("services/" + service.get("serviceId").asText());
            assertThat(service.get("serviceId").asText()).matches("[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
            assertThat(service.get("businessEntityName").asText()).isEqualTo("businessEntities/GCP");
            names.add(service.get("displayName").asText());
        }
        assertThat(names).contains("Compute Engine", "Cloud Storage", "Kubernetes Engine", "Networking");
        Set<String> usageTypes = new HashSet<>();
        Set<String> taxonomies = new HashSet<>();
        boolean nanosOnly = false;
        boolean wholeUnits = false;
        boolean multiRegion = false;
        for (String id : List.of("6F81-5844-456A", "95FF-2EF5-5EA1", "E505-1604-58F8", "CCD8-9BF1-090E")) {
            JsonNode skus = json("/v1/services/" + id + "/skus?key=test-key&currencyCode=USD").get("skus");
            for (JsonNode sku : skus) {
                assertThat(sku.get("name").asText()).isEqualTo("services/" + id + "/skus/" + sku.get("skuId").asText());
                assertThat(sku.get("category").get("serviceDisplayName").isTextual()).isTrue();
                usageTypes.add(sku.get("category").get("usageType").asText());
                taxonomies.add(sku.get("geoTaxonomy").get("type").asText());
                multiRegion |= sku.get("serviceRegions").size() > 1;
                JsonNode expression = sku.get("pricingInfo").get(0).get("pricingExpression");
                assertThat(expression.get("usageUnit").isTextual()).isTrue();
                assertThat(expression.get("baseUnitConversionFactor").isNumber()).isTrue();
                for (JsonNode tier : expression.get("tieredRates")) {
                    JsonNode money = tier.get("unitPrice");
                    assertThat(money.get("units").isTextual()).isTrue();
                    assertThat(money.get("nanos").isInt()).isTrue();
                    nanosOnly |= money.get("units").asText().equals("0") && money.get("nanos").asInt() > 0;
                    wholeUnits |= !money.get("units").asText().equals("0");
                }
            }
        }
        assertThat(usageTypes).contains("OnDemand", "Preemptible", "Commit1Yr", "Commit3Yr");
        assertThat(taxonomies).containsExactlyInAnyOrder("GLOBAL", "REGIONAL", "MULTI_REGIONAL");
        assertThat(nanosOnly).isTrue();
        assertThat(wholeUnits).isTrue();
        assertThat(multiRegion).isTrue();
    }

    @Test
    void shouldAnswerGoogleErrorsWhenKeyIsMissingOrWrong() throws IOException {
        InMemoryExchange missing = apis.get("/v1/services");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(MAPPER.readTree(missing.bytes()).get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");
        InMemoryExchange wrong = apis.get("/v1/services/6F81-5844-456A/skus?key=nope");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(MAPPER.readTree(wrong.bytes()).get("error").get("code").asInt()).isEqualTo(400);
        InMemoryExchange header = new InMemoryExchange("GET", "/v1/services");
        header.getRequestHeaders().add("X-Goog-Api-Key", InMemoryApis.GCP_KEY);
        assertThat(InMemoryExchange.run(clouds.gcp().handler(clouds.catalogue(),
                new io.pricestream.cspsim.http.FaultInjector(io.pricestream.cspsim.http.FaultConfig.NONE),
                InMemoryApis.GCP_KEY), header).status()).isEqualTo(200);
        assertThat(apis.get("/v1/services/0000-0000-0000/skus?key=test-key").status()).isEqualTo(404);
        assertThat(apis.get("/v1/services/6F81-5844-456A/skus?key=test-key&pageToken=garbage").status()).isEqualTo(400);
    }

    @Test
    void shouldServeOnlyPrimaryMeterRowsWhenMeterRegionIsPrimary() throws IOException {
        String storage = "/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Storage%27";
        long all = countItems(storage);
        long primary = countItems(storage + "&meterRegion=%27primary%27");
        assertThat(primary).isPositive().isLessThan(all);
        JsonNode page = json(storage + "&meterRegion=%27primary%27");
        page.get("Items").forEach(item -> assertThat(item.get("isPrimaryMeterRegion").asBoolean()).isTrue());
    }

    @Test
    void shouldServeTheAllRegionsOfferFileWithEveryRegionsPrices() throws IOException {
        JsonNode file = json("/offers/v1.0/aws/AmazonEKS/current/index.json");
        long dimensions = 0;
        for (String type : List.of("OnDemand", "Reserved")) {
            for (JsonNode skuTerms : file.get("terms").get(type)) {
                for (JsonNode term : skuTerms) {
                    dimensions += term.get("priceDimensions").size();
                }
            }
        }
        assertThat(dimensions).isEqualTo(clouds.truth().countsByService(io.pricestream.cspsim.catalogue.Csp.AWS)
                .get("AmazonEKS"));
        JsonNode versions = json("/offers/v1.0/aws/AmazonEKS/index.json");
        String current = versions.get("versions").get(versions.get("currentVersion").asText()).get("offerVersionUrl")
                .asText();
        assertThat(apis.fetch(current)).isEqualTo(apis.fetch("/offers/v1.0/aws/AmazonEKS/current/index.json"));
    }

    @Test
    void shouldRejectUnsupportedAzureFiltersNamingTheProblem() throws IOException {
        InMemoryExchange bad = apis.get("/api/retail/prices?$filter=meterColour%20eq%20%27blue%27");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(MAPPER.readTree(bad.bytes()).get("Error").get("Message").asText()).contains("meterColour");
    }

    private long countItems(String first) throws IOException {
        long n = 0;
        String next = first;
        while (next != null) {
            JsonNode page = json(next);
            n += page.get("Count").asLong();
            next = page.get("NextPageLink").isNull() ? null
                    : io.pricestream.cspsim.testing.ReferenceScraper.pathOf(page.get("NextPageLink").asText());
        }
        return n;
    }

    private JsonNode json(String request) throws IOException {
        return MAPPER.readTree(apis.fetch(request));
    }

    private static Iterable<java.util.Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
