package io.pricestream.scrapers.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Scrapes csp-sim's Azure Retail Prices API over real HTTP and compares with the simulator's truth. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AzureRetailScraperIT {

    /** Retries that do not make the fault test wait for the production backoff. */
    private static final ScraperConfig.HttpSettings FAST_RETRIES = new ScraperConfig(Map.of(
            ScraperConfig.HTTP_BACKOFF_INITIAL_MS, "10", ScraperConfig.HTTP_BACKOFF_MAX_MS, "50",
            ScraperConfig.HTTP_RETRIES_MAX, "10")).http();

    private static CspSimulator sim;

    @BeforeAll
    static void startSimulator() {
        sim = CspSimulator.start(CspSimConfig.builder().scale(20_000).seed(42).build());
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
        Map<String, SkuPrice> scraped = scrape(ScrapeScope.all());

        assertThat((long) scraped.size()).isEqualTo(truth.total(Csp.AZURE)).isPositive();
        assertThat(SimulatedScrape.countsByServiceAndRegion(scraped)).isEqualTo(truth.countsByServiceAndRegion(Csp.AZURE));
        assertThat(SimulatedScrape.mismatches(truth, Csp.AZURE, scraped)).isEmpty();
    }

    @Test
    void shouldMatchTheTruthOfTheScopeWhenScopeIsPushedDown() throws ScrapeException {
        CatalogueTruth truth = sim.truth();
        Map<String, Map<String, Long>> all = truth.countsByServiceAndRegion(Csp.AZURE);
        String region = all.get("Virtual Machines").keySet().iterator().next();
        long expected = all.getOrDefault("Virtual Machines", Map.of()).getOrDefault(region, 0L)
                + all.getOrDefault("Storage", Map.of()).getOrDefault(region, 0L);

        Map<String, SkuPrice> scraped = scrape(new ScrapeScope(List.of("Virtual Machines", "Storage"), List.of(region)));

        assertThat((long) scraped.size()).isEqualTo(expected).isPositive();
        assertThat(scraped.values()).allSatisfy(p -> assertThat(p.getRegion()).isEqualTo(region));
    }

    @Test
    void shouldStillProduceExactlyTheTruthWhenResponsesAreThrottledFailedOrCutShort() throws ScrapeException {
        sim.faults(new FaultConfig(3, 0.1, 0, 0.1, 0, 0, 0.1, 0, 0));
        CatalogueTruth truth = sim.truth();

        Map<String, SkuPrice> scraped = scrape(ScrapeScope.all(), FAST_RETRIES);

        assertThat((long) scraped.size()).isEqualTo(truth.total(Csp.AZURE));
        assertThat(SimulatedScrape.mismatches(truth, Csp.AZURE, scraped)).isEmpty();
    }

    @Test
    void shouldFailTheRunWhenTheApiLoopsOverAPage() {
        sim.faults(new FaultConfig(1, 0, 1, 0, 0, 0, 0, 0, 1.0));

        assertThatThrownBy(() -> scrape(ScrapeScope.all()))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("Azure page loop");
    }

    @Test
    void shouldFailNamingTheUrlWhenAnHtmlPageIsServedWith200() {
        sim.faults(new FaultConfig(1, 0, 1, 0, 0, 0, 0, 1.0, 0));

        assertThatThrownBy(() -> scrape(ScrapeScope.all()))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(sim.url() + "/api/retail/prices")
                .hasMessageContaining("HTML");
    }

    private static Map<String, SkuPrice> scrape(ScrapeScope scope) throws ScrapeException {
        return scrape(scope, ScraperConfig.HttpSettings.defaults());
    }

    private static Map<String, SkuPrice> scrape(ScrapeScope scope, ScraperConfig.HttpSettings http) throws ScrapeException {
        return SimulatedScrape.byPriceId(new AzureRetailScraper(), sim.url(), scope, http);
    }
}
