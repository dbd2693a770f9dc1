package io.pricestream.scrapers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AzureRetailParserTest {

    private static final String PAGE_1 = "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview";

    private final AzureRetailParser parser = new AzureRetailParser();

    @Test
    void shouldReadEveryItemAndTheNextPageLinkWhenPageIsComplete() throws IOException {
        List<AzureRetailItem> items = new ArrayList<>();
        AzureRetailPage page = parse("retail-page-1.json", items);

        assertThat(page.items()).isEqualTo(9).isEqualTo(items.size());
        assertThat(page.nextPageLink())
                .isEqualTo("https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$skip=9");
        AzureRetailItem first = items.get(0);
        assertThat(first.meterId()).isEqualTo("0a1b2c3d-0000-4000-8000-00000000d014");
        assertThat(first.skuId()).isEqualTo("DZH318Z0BPVW/00QZ");
        assertThat(first.productId()).isEqualTo("DZH318Z0BPVW");
        assertThat(first.type()).isEqualTo("Consumption");
        assertThat(first.reservationTerm()).isNull();
        assertThat(first.armRegionName()).isEqualTo("eastus");
        assertThat(first.location()).isEqualTo("US East");
        assertThat(first.effectiveStartDate()).isEqualTo(Instant.parse("2021-11-01T00:00:00Z"));
        assertThat(first.unitOfMeasure()).isEqualTo("1 Hour");
        assertThat(first.isPrimaryMeterRegion()).isTrue();
        assertThat(first.armSkuName()).isEqualTo("Standard_D14");
        assertThat(items.get(1).reservationTerm()).isEqualTo("1 Year");
    }

    @Test
    void shouldKeepPricesExactlyAsPublishedWhenWrittenInExponentOrWithManyDecimals() throws IOException {
        List<AzureRetailItem> items = new ArrayList<>();
        parse("retail-page-1.json", items);

        BigDecimal spot = items.get(4).retailPrice();
        assertThat(spot).isEqualTo(new BigDecimal("0.000096"));
        assertThat(spot.toPlainString()).isEqualTo("0.000096");
        BigDecimal archive = items.get(8).retailPrice();
        assertThat(archive).isEqualTo(new BigDecimal("1.7E-05"));
        assertThat(archive.toPlainString()).isEqualTo("0.000017");
        assertThat(items.get(1).retailPrice().toPlainString()).isEqualTo("3478.0");
        assertThat(items.get(2).retailPrice().toPlainString()).isEqualTo("6712");
        assertThat(items.get(7).tierMinimumUnits().toPlainString()).isEqualTo("51300.0");
    }

    @Test
    void shouldReadSavingsPlanEntriesWhenItemIsEligible() throws IOException {
        List<AzureRetailItem> items = new ArrayList<>();
        parse("retail-page-1.json", items);

        assertThat(items.get(0).savingsPlans()).containsExactly(
                new AzureRetailItem.SavingsPlanRate("3 Years", new BigDecimal("0.5482")),
                new AzureRetailItem.SavingsPlanRate("1 Year", new BigDecimal("0.79481")));
        assertThat(items.get(1).savingsPlans()).isEmpty();
    }

    @Test
    void shouldSkipUnknownMembersAndEndWhenNextPageLinkIsNull() throws IOException {
        List<AzureRetailItem> items = new ArrayList<>();
        AzureRetailPage page = parse("retail-page-2.json", items);

        assertThat(page.nextPageLink()).isNull();
        assertThat(items).hasSize(4);
        assertThat(items.get(3).armRegionName()).isEmpty();
        assertThat(items.get(3).meterName()).isEqualTo("Standard User");
    }

    @Test
    void shouldPassThroughUnknownCurrencyAndNegativePriceWhenParsing() throws IOException {
        List<AzureRetailItem> items = new ArrayList<>();
        parse("unknown-currency.json", items);

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.currencyCode()).isEqualTo("XTS");
            assertThat(item.retailPrice().toPlainString()).isEqualTo("-0.5");
        });
    }

    @Test
    void shouldFailNamingThePageWhenBodyIsAnHtmlPage() {
        assertThatThrownBy(() -> parse("html-error.html", new ArrayList<>()))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining(PAGE_1)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("HTML");
    }

    @Test
    void shouldFailNamingThePageWhenBodyIsTruncated() {
        assertThatThrownBy(() -> parse("truncated.json", new ArrayList<>()))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining(PAGE_1)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldFailNamingThePageAndPositionWhenJsonIsInvalid() {
        assertThatThrownBy(() -> parse("invalid.json", new ArrayList<>()))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining(PAGE_1)
                .hasMessageContaining("not valid JSON at line 1");
    }

    @Test
    void shouldFailNamingFieldAndItemWhenRequiredFieldIsMissing() {
        assertThatThrownBy(() -> parse("missing-retail-price.json", new ArrayList<>()))
                .isInstanceOf(AzurePageException.class)
                .hasMessage("Azure page '" + PAGE_1 + "', item 1: has no 'retailPrice'");
    }

    @Test
    void shouldFailNamingFieldAndValueWhenPriceIsNotANumber() {
        assertThatThrownBy(() -> parse("unparseable-price.json", new ArrayList<>()))
                .isInstanceOf(AzurePageException.class)
                .hasMessage("Azure page '" + PAGE_1 + "', item 0: 'retailPrice' is not a number: '0.07 USD'");
    }

    @Test
    void shouldFailNamingThePositionWhenAPriceIsNaNOrOutOfAnyScale() {
        String nan = "{\"Items\": [{\"meterId\": \"m\", \"retailPrice\": NaN}], \"NextPageLink\": null}";
        String huge = "{\"Items\": [{\"meterId\": \"m\", \"retailPrice\": 1e9999999999}], \"NextPageLink\": null}";

        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(nan.getBytes()), PAGE_1, item -> { }))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining(PAGE_1)
                .hasMessageContaining("not valid JSON at line 1")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream(huge.getBytes()), PAGE_1, item -> { }))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining(PAGE_1)
                .hasMessageContaining("retailPrice");
    }

    @Test
    void shouldFailWhenItemsArrayIsMissing() {
        assertThatThrownBy(() -> parser.parse(InputStream.nullInputStream(), PAGE_1, item -> { }))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> parser.parse(new ByteArrayInputStream("{\"NextPageLink\":null}".getBytes()), PAGE_1, item -> { }))
                .isInstanceOf(AzurePageException.class)
                .hasMessageContaining("has no 'Items' array");
    }

    private AzureRetailPage parse(String fixture, List<AzureRetailItem> items) throws IOException {
        try (InputStream body = AzureRetailParserTest.class.getResourceAsStream("/fixtures/azure/" + fixture)) {
            return parser.parse(body, PAGE_1, items::add);
        }
    }
}
