package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeProgress;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.units.UnitTable;

class GcpCatalogScraperTest {

    private static final String KEY = "AIza-test+key/1=";
    private static final String ENCODED_KEY = "AIza-test%2Bkey%2F1%3D";
    private static final String BASE = "https://cloudbilling.googleapis.com";
    private static final String SERVICES = BASE + "/v1/services";
    private static final String COMPUTE = BASE + "/v1/services/6F81-5844-456A/skus?currencyCode=USD&pageSize=5000";
    private static final String STORAGE = BASE + "/v1/services/95FF-2EF5-5EA1/skus?currencyCode=USD&pageSize=5000";
    private static final String SQL = BASE + "/v1/services/9662-B51E-5089/skus?currencyCode=USD&pageSize=5000";
    private static final Instant OBSERVED = Instant.parse("2026-11-22T10:00:00Z");

    private final FixtureHttpFetcher fetcher = new FixtureHttpFetcher()
            .serve(SERVICES, "/fixtures/gcp/services-page-1.json")
            .serve(SERVICES + "?pageToken=c2VydmljZXMtcGFnZS0y", "/fixtures/gcp/services-page-2.json")
            .serve(COMPUTE, "/fixtures/gcp/compute-skus-page-1.json")
            .serve(COMPUTE + "&pageToken=APKCS1HVgcQ0b2tlbi1wYWdlLTI%3D", "/fixtures/gcp/compute-skus-page-2.json")
            .serve(STORAGE, "/fixtures/gcp/storage-skus.json")
            .serve(SQL, "/fixtures/gcp/empty-skus.json");
    private final List<SkuPrice> out = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger gcpLogger = (Logger) LoggerFactory.getLogger("io.pricestream.scrapers.gcp");
    private Level gcpLevel;

    @BeforeEach
    void captureLogs() {
        gcpLevel = gcpLogger.getLevel();
        gcpLogger.setLevel(Level.DEBUG);
        logs.start();
        gcpLogger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        gcpLogger.detachAppender(logs);
        gcpLogger.setLevel(gcpLevel);
    }

    @Test
    void shouldListServicesAcrossPagesThenPageThroughEachServicesSkus() throws ScrapeException {
        ScrapeResult result = scrape(ScrapeScope.all());

        assertThat(fetcher.requested()).extracting(URI::toString).containsExactly(
                SERVICES, SERVICES + "?pageToken=c2VydmljZXMtcGFnZS0y",
                COMPUTE, COMPUTE + "&pageToken=APKCS1HVgcQ0b2tlbi1wYWdlLTI%3D", STORAGE, SQL);
        // compute: 3 regions + 1 + 1 + 1 on page 1; 1 + 4 tiers + (repeat) + 1 global on page 2; storage: 2 + 1 + 1
        assertThat(out).hasSize(16);
        assertThat(out).extracting(SkuPrice::getPriceId).doesNotHaveDuplicates();
        assertThat(result.sourceVersions()).containsOnlyKeys("Compute Engine/services/6F81-5844-456A",
                "Cloud Storage/services/95FF-2EF5-5EA1", "Cloud SQL/services/9662-B51E-5089");
        assertThat(result.bytesDownloaded()).isEqualTo(fetcher.bytesReceived());
    }

    @Test
    void shouldSendTheKeyInTheApiKeyHeaderAndNeverInAUrl() throws ScrapeException {
        scrape(ScrapeScope.all());

        assertThat(fetcher.headersSent()).hasSize(6).allSatisfy(headers ->
                assertThat(headers).containsEntry("X-Goog-Api-Key", KEY));
        assertThat(fetcher.requested()).allSatisfy(uri ->
                assertThat(uri.toString()).doesNotContain(KEY).doesNotContain(ENCODED_KEY).doesNotContain("key="));
    }

    @Test
    void shouldEmitOneRecordPerServiceRegionWhenSkuListsSeveral() throws ScrapeException {
        scrape(ScrapeScope.all());

        List<SkuPrice> core = out.stream().filter(p -> p.getSkuId().equals("2E27-4F75-95CD")).toList();
        assertThat(core).extracting(SkuPrice::getPriceId).containsExactly(
                "2E27-4F75-95CD/us-central1/0", "2E27-4F75-95CD/us-east1/0", "2E27-4F75-95CD/us-west1/0");
        assertThat(core).extracting(SkuPrice::getRegion).containsExactly("us-central1", "us-east1", "us-west1");
        assertThat(core).allSatisfy(p -> assertThat(p.getPrice().toPlainString()).isEqualTo("0.031611"));
    }

    @Test
    void shouldMapEveryFieldOfAnOnDemandSku() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice core = byId("2E27-4F75-95CD/us-east1/0");
        assertThat(core.getCsp()).isEqualTo("gcp");
        assertThat(core.getSkuId()).isEqualTo("2E27-4F75-95CD");
        assertThat(core.getService()).isEqualTo("Compute Engine");
        assertThat(core.getProductFamily()).isEqualTo("Compute");
        assertThat(core.getSkuName()).isEqualTo("N1 Predefined Instance Core running in Americas");
        assertThat(core.getUnit()).isEqualTo("hours");
        assertThat(core.getUnitPublished()).isEqualTo("h");
        assertThat(core.getUnitMultiplier()).isEqualByComparingTo("1");
        assertThat(core.getTierStart().toPlainString()).isEqualTo("0");
        assertThat(core.getTierEnd()).isNull();
        assertThat(core.getCurrency()).isEqualTo("USD");
        assertThat(core.getPurchaseOption()).isEqualTo(PurchaseOption.ON_DEMAND);
        assertThat(core.getTerm()).isNull();
        assertThat(core.getEffectiveFrom()).isEqualTo(Instant.parse("2023-05-01T04:47:36.133Z"));
        assertThat(core.getObservedAt()).isEqualTo(OBSERVED);
        assertThat(core.getRunId()).isEqualTo("run-7");
        assertThat(core.getAttributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "resourceGroup", "N1Standard", "usageUnitDescription", "hour", "baseUnit", "s",
                "baseUnitConversionFactor", "3600", "displayQuantity", "1", "serviceId", "6F81-5844-456A"));
    }

    @Test
    void shouldReadNanosOnlyPreemptiblePricesExactlyAsSpot() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice ram = byId("A1B2-C3D4-0001/us-east4/0");
        assertThat(ram.getPurchaseOption()).isEqualTo(PurchaseOption.SPOT);
        assertThat(ram.getPrice().toPlainString()).isEqualTo("0.000987597");
        assertThat(ram.getUnit()).isEqualTo("gib_hours");
        assertThat(ram.getAttributes()).containsEntry("baseUnitConversionFactor", "3865470566400");
    }

    @Test
    void shouldMapCommitmentUsageTypesToReservedWithTheirTerm() throws ScrapeException {
        scrape(ScrapeScope.all());

        assertThat(byId("A1B2-C3D4-0002/us-central1/0")).satisfies(p -> {
            assertThat(p.getPurchaseOption()).isEqualTo(PurchaseOption.RESERVED);
            assertThat(p.getTerm()).isEqualTo("1yr");
            assertThat(p.getPrice().toPlainString()).isEqualTo("0.019915");
        });
        assertThat(byId("A1B2-C3D4-0003/us-central1/0")).satisfies(p -> {
            assertThat(p.getPurchaseOption()).isEqualTo(PurchaseOption.RESERVED);
            assertThat(p.getTerm()).isEqualTo("3yr");
            assertThat(p.getPrice().toPlainString()).isEqualTo("0.0012");
        });
        assertThat(byId("A1B2-C3D4-0004/us-central1/0")).satisfies(p -> {
            assertThat(p.getPurchaseOption()).isEqualTo(PurchaseOption.RESERVED);
            assertThat(p.getTerm()).isEqualTo("1mo");
            assertThat(p.getPrice().toPlainString()).isEqualTo("2.961");
        });
    }

    @Test
    void shouldBoundEachTierByTheNextHigherStartWhenTieredRatesAreUnsorted() throws ScrapeException {
        scrape(ScrapeScope.all());

        List<SkuPrice> egress = out.stream().filter(p -> p.getSkuId().equals("1A51-8906-72EB")).toList();
        assertThat(egress).extracting(SkuPrice::getPriceId).containsExactly(
                "1A51-8906-72EB/us-east4/0", "1A51-8906-72EB/us-east4/1",
                "1A51-8906-72EB/us-east4/1024", "1A51-8906-72EB/us-east4/10240");
        assertThat(egress).extracting(p -> p.getTierEnd() == null ? null : p.getTierEnd().toPlainString())
                .containsExactly("1", "1024", "10240", null);
        assertThat(egress).extracting(p -> p.getPrice().toPlainString()).containsExactly("0", "0.12", "0.11", "0.08");
        assertThat(egress).allSatisfy(p -> {
            assertThat(p.getProductFamily()).isEqualTo("Network");
            assertThat(p.getUnit()).isEqualTo("gib");
        });
    }

    @Test
    void shouldUseRegionGlobalWhenSkuListsNoRegionOrTheLiteralGlobal() throws ScrapeException {
        scrape(ScrapeScope.all());

        List<SkuPrice> download = out.stream().filter(p -> p.getSkuId().equals("B1B2-0000-0001")).toList();
        assertThat(download).extracting(SkuPrice::getPriceId).containsExactly("B1B2-0000-0001/global/0", "B1B2-0000-0001/global/1");
        assertThat(download).extracting(p -> p.getPrice().toPlainString()).containsExactly("0", "0.12");
        assertThat(download).allSatisfy(p -> assertThat(p.getEffectiveFrom()).isEqualTo(Instant.parse("2024-02-01T08:00:00Z")));
        assertThat(byId("A1B2-C3D4-0005/global/0").getRegion()).isEqualTo("global");
    }

    @Test
    void shouldPassThroughUnknownUnitCurrencyAndNegativePriceForValidationDownstream() throws ScrapeException {
        scrape(ScrapeScope.all());

        SkuPrice odd = byId("B1B2-0000-0003/us/0");
        assertThat(odd.getUnit()).isEqualTo(UnitTable.UNKNOWN);
        assertThat(odd.getUnitPublished()).isEqualTo("GiBy.fortnight");
        assertThat(odd.getCurrency()).isEqualTo("XTS");
        assertThat(odd.getPrice().toPlainString()).isEqualTo("-1.5");
    }

    @Test
    void shouldScrapeOnlyServicesAndRegionsInScopeMatchingNamesCaseInsensitively() throws ScrapeException {
        scrape(new ScrapeScope(List.of("compute engine"), List.of("us-east4")));

        assertThat(fetcher.requested()).extracting(URI::toString).doesNotContain(STORAGE, SQL);
        assertThat(out).extracting(SkuPrice::getPriceId).containsExactly(
                "A1B2-C3D4-0001/us-east4/0", "1A51-8906-72EB/us-east4/0", "1A51-8906-72EB/us-east4/1",
                "1A51-8906-72EB/us-east4/1024", "1A51-8906-72EB/us-east4/10240");
    }

    @Test
    void shouldMatchScopeByServiceId() throws ScrapeException {
        scrape(new ScrapeScope(List.of("95ff-2ef5-5ea1"), List.of()));

        assertThat(out).hasSize(4).allSatisfy(p -> assertThat(p.getService()).isEqualTo("Cloud Storage"));
    }

    @Test
    void shouldFailNamingScopeEntriesThatMatchNoService() {
        assertThatThrownBy(() -> scrape(new ScrapeScope(List.of("Compute Engine", "Cloud Spanner"), List.of())))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("[Cloud Spanner]");
        assertThat(out).isEmpty();
    }

    @Test
    void shouldFailClearlyWithoutRequestsWhenNoKeyIsSet() {
        GcpCatalogScraper scraper = new GcpCatalogScraper(null, name -> null);

        assertThatThrownBy(() -> scraper.scrape(context(ScrapeScope.all()), out::add))
                .isInstanceOf(ScrapeException.class)
                .hasMessageStartingWith("GCP_BILLING_KEY is not set");
        assertThat(fetcher.requested()).isEmpty();
    }

    @Test
    void shouldReadTheKeyFromTheEnvironmentWhenNoneIsConfigured() throws ScrapeException {
        GcpCatalogScraper scraper = new GcpCatalogScraper("  ", name -> name.equals("GCP_BILLING_KEY") ? KEY : null);

        scraper.scrape(context(ScrapeScope.all()), out::add);

        assertThat(out).hasSize(16);
    }

    @Test
    void shouldNeverPutTheKeyIntoExceptionsOrLogsWhenAPageFails() {
        FixtureHttpFetcher failing = new FixtureHttpFetcher()
                .serve(SERVICES, "/fixtures/gcp/services-page-1.json")
                .serve(SERVICES + "?pageToken=c2VydmljZXMtcGFnZS0y", "/fixtures/gcp/services-page-2.json")
                .serve(COMPUTE, "/fixtures/gcp/truncated.json");

        Throwable failure = catchThrowable(() -> new GcpCatalogScraper(KEY, name -> null)
                .scrape(new ScrapeContext("run-7", OBSERVED, ScrapeScope.all(), GcpCatalogScraper.DEFAULT_API_BASE,
                        failing, new UnitTable(), Map.of(), ScrapeProgress.NONE), out::add));

        assertThat(failure).isInstanceOf(ScrapeException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("/v1/services/6F81-5844-456A/skus?currencyCode=USD");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(KEY).doesNotContain(ENCODED_KEY);
        }
        assertThat(logs.list).isNotEmpty().allSatisfy(event ->
                assertThat(event.getFormattedMessage()).doesNotContain(KEY).doesNotContain(ENCODED_KEY));
    }

    @Test
    void shouldMaskTheKeyWhenAFailureFromTheHttpLayerEchoesIt() {
        FixtureHttpFetcher echoing = new FixtureHttpFetcher() {
            @Override
            public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
                throw new ScrapeException("GET " + uri + " failed with HTTP 403: API key " + headers.get("X-Goog-Api-Key")
                        + " not valid", new IllegalStateException("key=" + ENCODED_KEY));
            }
        };

        Throwable failure = catchThrowable(() -> new GcpCatalogScraper(KEY, name -> null)
                .scrape(new ScrapeContext("run-7", OBSERVED, ScrapeScope.all(), GcpCatalogScraper.DEFAULT_API_BASE,
                        echoing, new UnitTable(), Map.of(), ScrapeProgress.NONE), out::add));

        assertThat(failure).isInstanceOf(ScrapeException.class)
                .hasMessage("GET " + BASE + "/v1/services failed with HTTP 403: API key *** not valid");
        assertThat(failure.getCause()).hasMessage("java.lang.IllegalStateException: key=***");
    }

    @Test
    void shouldFailWhenTheSameNextPageTokenComesBackTwice() {
        FixtureHttpFetcher looping = new FixtureHttpFetcher()
                .serve(SERVICES, "/fixtures/gcp/services-page-2.json")
                .serve(SQL, "/fixtures/gcp/loop-page-1.json")
                .serve(SQL + "&pageToken=bG9vcA%3D%3D", "/fixtures/gcp/loop-page-2.json");

        assertThatThrownBy(() -> new GcpCatalogScraper(KEY, name -> null)
                .scrape(new ScrapeContext("run-7", OBSERVED, ScrapeScope.all(), GcpCatalogScraper.DEFAULT_API_BASE,
                        looping, new UnitTable(), Map.of(), ScrapeProgress.NONE), out::add))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("page loop")
                .hasMessageContaining("bG9vcA==")
                .hasMessageNotContaining(ENCODED_KEY);
        assertThat(looping.requested()).hasSize(3);
    }

    private ScrapeResult scrape(ScrapeScope scope) throws ScrapeException {
        return new GcpCatalogScraper(KEY, name -> null).scrape(context(scope), out::add);
    }

    private ScrapeContext context(ScrapeScope scope) {
        return new ScrapeContext("run-7", OBSERVED, scope, GcpCatalogScraper.DEFAULT_API_BASE, fetcher, new UnitTable(),
                Map.of(), ScrapeProgress.NONE);
    }

    private SkuPrice byId(String priceId) {
        return out.stream().filter(p -> p.getPriceId().equals(priceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + priceId + " in " + out.stream().map(SkuPrice::getPriceId).toList()));
    }
}
