package io.pricestream.scrapers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeProgress;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.units.UnitTable;

class AzureRetailScraperTest {

    private static final String FIRST = "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview";
    private static final String SECOND = "https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$skip=9";
    private static final String D14 = "0a1b2c3d-0000-4000-8000-00000000d014/DZH318Z0BPVW/00QZ";
    private static final String EGRESS = "9f3e0000-1111-4222-8333-0000000e9e55/DZH317F1HKN0/00F5";
    private static final Instant OBSERVED = Instant.parse("2026-11-22T10:00:00Z");

    private final FixtureHttpFetcher fetcher = new FixtureHttpFetcher()
            .serve(FIRST, "/fixtures/azure/retail-page-1.json")
            .serve(SECOND, "/fixtures/azure/retail-page-2.json");
    private final List<SkuPrice> out = new ArrayList<>();

    @Test
    void shouldFollowNextPageLinkAsGivenUntilItIsNull() throws ScrapeException {
        ScrapeResult result = scrape(ScrapeScope.all());

        assertThat(fetcher.requested()).containsExactly(URI.create(FIRST), URI.create(SECOND));
        assertThat(result.sourceVersions()).containsOnlyKeys("Virtual Machines/retail-prices", "Bandwidth/retail-prices",
                "Storage/retail-prices", "Azure DevOps/retail-prices").containsValue("2023-01-01-preview");
        assertThat(result.bytesDownloaded()).isEqualTo(fetcher.bytesReceived()).isPositive();
    }

    @Test
    void shouldEmitEachPriceOnceWhenAnItemRepeatsAcrossPages() throws ScrapeException {
        scrape(ScrapeScope.all());

        // page 1: 9 items + 2 savings-plan rows; page 2: 4 items of which one repeats page 1
        assertThat(out).hasSize(14);
        assertThat(out).extracting(SkuPrice::getPriceId).doesNotHaveDuplicates();
        assertThat(out).extracting(SkuPrice::getPriceId).filteredOn(id -> id.equals(EGRESS + "/Consumption//51300")).hasSize(1);
    }

    @Test
    void shouldBoundEachTierByTheNextHigherMinimumWhenTiersArriveUnsortedAcrossPages() throws ScrapeException {
        scrape(ScrapeScope.all());

        List<SkuPrice> tiers = out.stream().filter(p -> p.getPriceId().startsWith(EGRESS)).toList();
        assertThat(tiers).extracting(SkuPrice::getPriceId).containsExactly(
                EGRESS + "/Consumption//0", EGRESS + "/Consumption//100",
                EGRESS + "/Consumption//10340", EGRESS + "/Consumption//51300");
        assertThat(tiers).extracting(p -> p.getTierStart().toPlainString()).containsExactly("0.0", "100.0", "10340.0", "51300.0");
        assertThat(tiers).extracting(p -> p.getTierEnd() == null ? null : p.getTierEnd().toPlainString())
                .containsExactly("100.0", "10340.0", "51300.0", null);
        assertThat(tiers).extracting(p -> p.getPrice().toPlainString()).containsExactly("0.0", "0.087", "0.083", "0.07");
        assertThat(tiers).allSatisfy(p -> {
            assertThat(p.getPurchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
            assertThat(p.getUnit()).isEqualTo("gb");
            assertThat(p.getUnitPublished()).isEqualTo("1 GB");
            assertThat(p.getService()).isEqualTo("Bandwidth");
            assertThat(p.getProductFamily()).isEqualTo("Networking");
        });
    }

    @Test
    void shouldMapConsumptionItemWithEveryField() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice d14 = byId(D14 + "/Consumption//0");
        assertThat(d14.getCsp()).isEqualTo("azure");
        assertThat(d14.getSkuId()).isEqualTo("DZH318Z0BPVW/00QZ");
        assertThat(d14.getService()).isEqualTo("Virtual Machines");
        assertThat(d14.getProductFamily()).isEqualTo("Compute");
        assertThat(d14.getRegion()).isEqualTo("eastus");
        assertThat(d14.getSkuName()).isEqualTo("D14");
        assertThat(d14.getUnit()).isEqualTo("hours");
        assertThat(d14.getUnitPublished()).isEqualTo("1 Hour");
        assertThat(d14.getUnitMultiplier()).isEqualByComparingTo("1");
        assertThat(d14.getPrice().toPlainString()).isEqualTo("1.17");
        assertThat(d14.getCurrency()).isEqualTo("USD");
        assertThat(d14.getPurchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
        assertThat(d14.getTerm()).isNull();
        assertThat(d14.getTierEnd()).isNull();
        assertThat(d14.getEffectiveFrom()).isEqualTo(Instant.parse("2021-11-01T00:00:00Z"));
        assertThat(d14.getObservedAt()).isEqualTo(OBSERVED);
        assertThat(d14.getRunId()).isEqualTo("run-1");
        assertThat(d14.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "productName", "Virtual Machines D Series", "meterName", "D14", "armSkuName", "Standard_D14",
                "location", "US East", "serviceId", "DZH313Z7MMC8", "productId", "DZH318Z0BPVW",
                "isPrimaryMeterRegion", "true"));
    }

    @Test
    void shouldMapReservationsToReservedWithTheirTerm() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice oneYear = byId(D14 + "/Reservation/1 Year/0");
        assertThat(oneYear.getPurchaseOption()).isEqualTo(PurchaseOption.RESERVED);
        assertThat(oneYear.getTerm()).isEqualTo("1yr");
        assertThat(oneYear.getPrice().toPlainString()).isEqualTo("3478.0");
        SkuPrice threeYears = byId(D14 + "/Reservation/3 Years/0");
        assertThat(threeYears.getTerm()).isEqualTo("3yr");
        assertThat(threeYears.getPrice().toPlainString()).isEqualTo("6712");
    }

    @Test
    void shouldAddOneSavingsPlanRowPerSavingsPlanEntry() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice oneYear = byId(D14 + "/SavingsPlan/1 Year/0");
        assertThat(oneYear.getPurchaseOption()).isEqualTo(PurchaseOption.SAVINGS_PLAN);
        assertThat(oneYear.getTerm()).isEqualTo("1yr");
        assertThat(oneYear.getPrice().toPlainString()).isEqualTo("0.79481");
        assertThat(oneYear.getUnitPublished()).isEqualTo("1 Hour");
        SkuPrice threeYears = byId(D14 + "/SavingsPlan/3 Years/0");
        assertThat(threeYears.getTerm()).isEqualTo("3yr");
        assertThat(threeYears.getPrice().toPlainString()).isEqualTo("0.5482");
        assertThat(out).filteredOn(p -> p.getPurchaseOption() == PurchaseOption.SAVINGS_PLAN).hasSize(2);
    }

    @Test
    void shouldRecogniseSpotLowPriorityAndDevTestItems() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice spot = byId("0a1b2c3d-0000-4000-8000-0000000d14a5/DZH318Z0BPVW/01AB/Consumption//0");
        assertThat(spot.getPurchaseOption()).isEqualTo(PurchaseOption.SPOT);
        assertThat(spot.getPrice().toPlainString()).isEqualTo("0.000096");
        SkuPrice lowPriority = byId("0a1b2c3d-0000-4000-8000-0000e4d5a5b1/DZH318Z08M22/00CL/Consumption//0");
        assertThat(lowPriority.getPurchaseOption()).isEqualTo(PurchaseOption.LOW_PRIORITY);
        assertThat(lowPriority.getRegion()).isEqualTo("westeurope");
        SkuPrice devTest = byId(D14 + "/DevTestConsumption//0");
        assertThat(devTest.getPurchaseOption()).isEqualTo(PurchaseOption.DEV_TEST);
        assertThat(devTest.getPrice().toPlainString()).isEqualTo("1.05");
    }

    @Test
    void shouldKeepAnUnknownUnitAsPublishedAndMarkItUnknown() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice archive = byId("5b5b5b5b-2222-4333-8444-0000000a1c01/DZH317F1HKN2/000K/Consumption//0");
        assertThat(archive.getUnit()).isEqualTo(UnitTable.UNKNOWN);
        assertThat(archive.getUnitPublished()).isEqualTo("1 Widget/Fortnight");
        assertThat(archive.getPrice()).isEqualTo(new BigDecimal("1.7E-05"));
        assertThat(archive.getPrice().toPlainString()).isEqualTo("0.000017");
    }

    @Test
    void shouldKeepAnEmptyRegionEmpty() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice devOps = byId("7c7c7c7c-3333-4444-8555-00000000f00d/DZH318Z0C1D3/0001/Consumption//0");
        assertThat(devOps.getRegion()).isEmpty();
        assertThat(devOps.getUnit()).isEqualTo("months");
        assertThat(devOps.getAttributes()).containsEntry("location", "");
    }

    @Test
    void shouldPushScopeDownAsODataFilterAndDropItemsOutsideIt() throws ScrapeException {
        String filtered = "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&$filter="
                + "%28serviceName%20eq%20%27Virtual%20Machines%27%20or%20serviceName%20eq%20%27Bandwidth%27%29"
                + "%20and%20armRegionName%20eq%20%27eastus%27";
        fetcher.serve(filtered, "/fixtures/azure/retail-page-1.json");

        scrape(new ScrapeScope(List.of("Virtual Machines", "Bandwidth"), List.of("eastus")));

        assertThat(fetcher.requested()).first().isEqualTo(URI.create(filtered));
        assertThat(out).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getService()).isIn("Virtual Machines", "Bandwidth");
            assertThat(p.getRegion()).isEqualTo("eastus");
        });
        // the low-priority item is in westeurope, the archive item is Storage, the DevOps item has no region
        assertThat(out).hasSize(11);
    }

    @Test
    void shouldQuoteODataLiteralsWhenScopeValueContainsAQuote() {
        assertThat(AzureRetailQuery.filter(new ScrapeScope(List.of("Bob's Service"), List.of())))
                .isEqualTo("serviceName eq 'Bob''s Service'");
        assertThat(AzureRetailQuery.filter(new ScrapeScope(List.of(), List.of("eastus", "westeurope"))))
                .isEqualTo("(armRegionName eq 'eastus' or armRegionName eq 'westeurope')");
        assertThat(AzureRetailQuery.filter(ScrapeScope.all())).isEmpty();
        assertThat(AzureRetailQuery.firstPage(URI.create("http://127.0.0.1:8080/"), ScrapeScope.all()))
                .hasToString("http://127.0.0.1:8080/api/retail/prices?api-version=2023-01-01-preview");
    }

    @Test
    void shouldFollowANextPageLinkWhoseFilterSpacesAreNotEncoded() throws ScrapeException {
        FixtureHttpFetcher spaced = new FixtureHttpFetcher()
                .serve(FIRST, "/fixtures/azure/unencoded-link-page-1.json")
                .serve("https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview"
                        + "&$filter=serviceName%20eq%20'Bandwidth'&$skip=1", "/fixtures/azure/retail-page-2.json");

        new AzureRetailScraper().scrape(context(spaced, ScrapeScope.all()), out::add);

        assertThat(spaced.requested()).hasSize(2);
        assertThat(out).hasSize(5);
    }

    @Test
    void shouldFailWhenTheSameNextPageLinkComesBackTwice() {
        FixtureHttpFetcher looping = new FixtureHttpFetcher()
                .serve(FIRST, "/fixtures/azure/loop-page-1.json")
                .serve("https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$skip=1",
                        "/fixtures/azure/loop-page-2.json");

        assertThatThrownBy(() -> new AzureRetailScraper().scrape(context(looping, ScrapeScope.all()), out::add))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("page loop")
                .hasMessageContaining("$skip=1");
        assertThat(looping.requested()).hasSize(2);
        assertThat(out).isEmpty();
    }

    @Test
    void shouldFailNamingThePageAndEmitNothingWhenALaterPageIsBad() {
        FixtureHttpFetcher broken = new FixtureHttpFetcher()
                .serve(FIRST, "/fixtures/azure/retail-page-1.json")
                .serve(SECOND, "/fixtures/azure/truncated.json");

        assertThatThrownBy(() -> new AzureRetailScraper().scrape(context(broken, ScrapeScope.all()), out::add))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(SECOND)
                .hasMessageContaining("truncated");
        assertThat(out).isEmpty();
    }

    @Test
    void shouldFailNamingThePageWhenServedHtml() {
        FixtureHttpFetcher html = new FixtureHttpFetcher().serve(FIRST, "/fixtures/azure/html-error.html");

        assertThatThrownBy(() -> new AzureRetailScraper().scrape(context(html, ScrapeScope.all()), out::add))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(FIRST)
                .hasMessageContaining("HTML");
    }

    @Test
    void shouldPassThroughUnknownCurrencyForValidationDownstream() throws ScrapeException {
        FixtureHttpFetcher odd = new FixtureHttpFetcher().serve(FIRST, "/fixtures/azure/unknown-currency.json");

        new AzureRetailScraper().scrape(context(odd, ScrapeScope.all()), out::add);

        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.getCurrency()).isEqualTo("XTS");
            assertThat(p.getPrice().toPlainString()).isEqualTo("-0.5");
        });
    }

    private ScrapeResult scrape(ScrapeScope scope) throws ScrapeException {
        return new AzureRetailScraper().scrape(context(fetcher, scope), out::add);
    }

    private static ScrapeContext context(FixtureHttpFetcher fetcher, ScrapeScope scope) {
        return new ScrapeContext("run-1", OBSERVED, scope, AzureRetailScraper.DEFAULT_API_BASE, fetcher, new UnitTable(),
                Map.of(), ScrapeProgress.NONE);
    }

    private SkuPrice byId(String priceId) {
        return out.stream().filter(p -> p.getPriceId().equals(priceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + priceId + " in " + out.stream().map(SkuPrice::getPriceId).toList()));
    }
}
