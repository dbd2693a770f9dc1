package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GcpSkuParserTest {

    private static final String PAGE = "https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus?key=***";

    private final GcpSkuParser parser = new GcpSkuParser();

    @Test
    void shouldReadEverySkuAndTheNextTokenWhenPageIsComplete() throws IOException {
        List<GcpSku> skus = new ArrayList<>();
        GcpSkuPage page = parse("compute-skus-page-1.json", skus);

        assertThat(page.skus()).isEqualTo(4).isEqualTo(skus.size());
        assertThat(page.nextPageToken()).isEqualTo("APKCS1HVgcQ0b2tlbi1wYWdlLTI=");
        GcpSku core = skus.get(0);
        assertThat(core.skuId()).isEqualTo("2E27-4F75-95CD");
        assertThat(core.description()).isEqualTo("N1 Predefined Instance Core running in Americas");
        assertThat(core.serviceDisplayName()).isEqualTo("Compute Engine");
        assertThat(core.resourceFamily()).isEqualTo("Compute");
        assertThat(core.resourceGroup()).isEqualTo("N1Standard");
        assertThat(core.usageType()).isEqualTo("OnDemand");
        assertThat(core.serviceRegions()).containsExactly("us-central1", "us-east1", "us-west1");
        assertThat(core.usageUnit()).isEqualTo("h");
        assertThat(core.usageUnitDescription()).isEqualTo("hour");
        assertThat(core.baseUnit()).isEqualTo("s");
        assertThat(core.baseUnitConversionFactor()).isEqualByComparingTo("3600");
        assertThat(core.displayQuantity()).isEqualByComparingTo("1");
        assertThat(core.effectiveTime()).isEqualTo(Instant.parse("2023-05-01T04:47:36.133Z"));
        assertThat(core.tieredRates()).singleElement().satisfies(rate -> {
            assertThat(rate.startUsageAmount()).isEqualByComparingTo("0");
            assertThat(rate.price().toPlainString()).isEqualTo("0.031611");
            assertThat(rate.currencyCode()).isEqualTo("USD");
        });
    }

    @Test
    void shouldReadNanosOnlyPricesExactlyWhenUnitsIsOmitted() throws IOException {
        List<GcpSku> skus = new ArrayList<>();
        parse("compute-skus-page-1.json", skus);

        BigDecimal preemptibleRam = skus.get(1).tieredRates().get(0).price();
        assertThat(preemptibleRam.toPlainString()).isEqualTo("0.000987597");
        assertThat(preemptibleRam).isEqualTo(new BigDecimal("0.000987597"));
    }

    @Test
    void shouldAcceptUnitsAsJsonNumberAsWellAsString() throws IOException {
        List<GcpSku> skus = new ArrayList<>();
        parse("compute-skus-page-2.json", skus);

        assertThat(skus.get(0).tieredRates().get(0).price().toPlainString()).isEqualTo("2.961");
    }

    @Test
    void shouldKeepTieredRatesInDocumentOrderForTheMapperToSort() throws IOException {
        List<GcpSku> skus = new ArrayList<>();
        parse("compute-skus-page-2.json", skus);

        assertThat(skus.get(1).tieredRates()).extracting(rate -> rate.startUsageAmount().toPlainString())
                .containsExactly("1024", "0", "10240", "1");
        assertThat(skus.get(1).tieredRates()).extracting(rate -> rate.price().toPlainString())
                .containsExactly("0.11", "0", "0.08", "0.12");
    }

    @Test
    void shouldUseTheLastPricingInfoEntryAndReadExponentFactorsExactly() throws IOException {
        List<GcpSku> skus = new ArrayList<>();
        parse("storage-skus.json", skus);

        assertThat(skus.get(0).effectiveTime()).isEqualTo(Instant.parse("2024-02-01T08:00:00Z"));
        assertThat(skus.get(0).tieredRates()).hasSize(2);
        assertThat(skus.get(0).serviceRegions()).isEmpty();
        assertThat(skus.get(1).baseUnitConversionFactor().toPlainString()).isEqualTo("2875910101401600");
        assertThat(skus.get(2).tieredRates().get(0).price().toPlainString()).isEqualTo("-1.5");
        assertThat(skus.get(2).tieredRates().get(0).currencyCode()).isEqualTo("XTS");
    }

    @Test
    void shouldReadAnEmptyObjectAsAnEmptyLastPage() throws IOException {
        GcpSkuPage page = parser.parse(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), PAGE, sku -> { });

        assertThat(page.skus()).isZero();
        assertThat(page.nextPageToken()).isNull();
    }

    @Test
    void shouldFailNamingSkuAndFieldWhenUsageTypeIsMissing() {
        assertThatThrownBy(() -> parse("missing-usage-type.json", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class)
                .hasMessage("GCP SKU page '" + PAGE + "', SKU 1 ('A1B2-C3D4-0001'): has no 'category.usageType'");
    }

    @Test
    void shouldFailNamingTheFieldWhenMoneyCannotBeParsed() {
        assertThatThrownBy(() -> parse("unparseable-units.json", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class)
                .hasMessageContaining(PAGE)
                .hasMessageContaining("SKU 0 ('A1B2-C3D4-0001')")
                .hasMessageContaining("'tieredRates[0].unitPrice' is not a valid amount: units is not an integer: '0.5'");
        assertThatThrownBy(() -> parse("mixed-sign-money.json", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class)
                .hasMessageContaining("different signs");
    }

    @Test
    void shouldFailNamingThePageWhenBodyIsTruncatedHtmlOrAnError() {
        assertThatThrownBy(() -> parse("truncated.json", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class).hasMessageContaining(PAGE).hasMessageContaining("truncated");
        assertThatThrownBy(() -> parse("html-error.html", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class).hasMessageContaining(PAGE).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parse("error-body.json", new ArrayList<>()))
                .isInstanceOf(GcpPageException.class).hasMessageContaining(PAGE).hasMessageContaining("error response");
    }

    @Test
    void shouldFailWhenTwoTiersStartAtTheSameAmount() {
        String body = """
                {"skus": [{"skuId": "X-1", "category": {"serviceDisplayName": "S", "usageType": "OnDemand"},
                  "pricingInfo": [{"pricingExpression": {"usageUnit": "h", "tieredRates": [
                    {"startUsageAmount": 1, "unitPrice": {"currencyCode": "USD", "nanos": 1}},
                    {"startUsageAmount": 1.0, "unitPrice": {"currencyCode": "USD", "nanos": 2}}]}}]}]}
                """;

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), PAGE, sku -> { }))
                .isInstanceOf(GcpPageException.class)
                .hasMessageContaining("SKU 0 ('X-1')")
                .hasMessageContaining("two tieredRates starting at 1");
    }

    private GcpSkuPage parse(String fixture, List<GcpSku> skus) throws IOException {
        try (InputStream body = GcpSkuParserTest.class.getResourceAsStream("/fixtures/gcp/" + fixture)) {
            return parser.parse(body, PAGE, skus::add);
        }
    }
}
