package io.pricestream.scrapers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.testing.SimulatedScrape;

/** Scrapes csp-sim's Cloud Billing Catalog API over real HTTP and compares with the simulator's truth. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GcpCatalogScraperIT {

    private static final String KEY = "it-gcp-key-0123456789";

    /** Retries that do not make the fault test wait for the production backoff. */
    private static final ScraperConfig.HttpSettings FAST_RETRIES = new ScraperConfig(Map.of(
            ScraperConfig.HTTP_BACKOFF_INITIAL_MS, "10", ScraperConfig.HTTP_BACKOFF_MAX_MS, "50",
            ScraperConfig.HTTP_RETRIES_MAX, "10")).http();

    private static CspSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = CspSimulator.start(CspSimConfig.builder().scale(20_000).seed(42).gcpApiKey(KEY).build());
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults(FaultConfig.NONE);
    }

    @Test
    void shouldProduceExactlyTheSimulatorsPricePointsWhenScrapingEverything() throws ScrapeException {
        CatalogueTruth truth = sim.truth();
        Map<String, SkuPrice> scraped = scrape(KEY, ScrapeScope.all());

        assertThat((long) scraped.size()).isEqualTo(truth.total(Csp.GCP)).isPositive();
        assertThat(SimulatedScrape.countsByServiceAndRegion(scraped)).isEqualTo(truth.countsByServiceAndRegion(Csp.GCP));
        assertThat(SimulatedScrape.mismatches(truth, Csp.GCP, scraped)).isEmpty();
    }

    @Test
    void shouldMatchTheTruthOfTheScopeWhenScopedByDisplayNameAndRegion() throws ScrapeException {
        Map<String, Map<String, Long>> all = sim.truth().countsByServiceAndRegion(Csp.GCP);
        String region = all.get("Compute Engine").keySet().stream().filter(r -> !r.equals("global")).findFirst().orElseThrow();

        Map<String, SkuPrice> scraped = scrape(KEY, new ScrapeScope(List.of("compute engine"), List.of(region)));

        assertThat((long) scraped.size()).isEqualTo(all.get("Compute Engine").get(region)).isPositive();
    }

    @Test
    void shouldFailWithoutLeakingTheKeyWhenTheKeyIsRejected() {
        String wrongKey = "wrong-key-9876543210";

        Throwable failure = catchThrowable(() -> scrape(wrongKey, ScrapeScope.all()));

        assertThat(failure).isInstanceOf(ScrapeException.class).hasMessageContaining("/v1/services").hasMessageContaining("API key not valid");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(wrongKey).doesNotContain(KEY);
        }
    }

    @Test
    void shouldStillProduceExactlyTheTruthWhenResponsesAreThrottledFailedOrCutShort() throws ScrapeException {
        sim.faults(new FaultConfig(5, 0.15, 0, 0.15, 0, 0, 0.15, 0, 0));
        CatalogueTruth truth = sim.truth();

        Map<String, SkuPrice> scraped = scrape(KEY, ScrapeScope.all(), FAST_RETRIES);

        assertThat((long) scraped.size()).isEqualTo(truth.total(Csp.GCP));
        assertThat(SimulatedScrape.mismatches(truth, Csp.GCP, scraped)).isEmpty();
    }

    @Test
    void shouldFailTheRunWhenTheApiLoopsOverAPage() {
        sim.faults(new FaultConfig(1, 0, 1, 0, 0, 0, 0, 0, 1.0));

        assertThatThrownBy(() -> scrape(KEY, ScrapeScope.all()))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("GCP page loop");
    }

    private static Map<String, SkuPrice> scrape(String key, ScrapeScope scope) throws ScrapeException {
        return scrape(key, scope, ScraperConfig.HttpSettings.defaults());
    }

    private static Map<String, SkuPrice> scrape(String key, ScrapeScope scope, ScraperConfig.HttpSettings http)
            throws ScrapeException {
        return SimulatedScrape.byPriceId(new GcpCatalogScraper(key), sim.url(), scope, http);
    }
}
