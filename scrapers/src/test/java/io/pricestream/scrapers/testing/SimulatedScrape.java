package io.pricestream.scrapers.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.catalogue.ExpectedPrice;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeProgress;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.http.FailsafeHttpFetcher;
import io.pricestream.scrapers.units.UnitTable;

/** What the scraper ITs against csp-sim share: one dry scrape collected by price id, and the truth comparison. */
public final class SimulatedScrape {

    private SimulatedScrape() {
    }

    /** Scrapes {@code simUrl} over real HTTP into a map by price id, asserting that no price id came twice. */
    public static Map<String, SkuPrice> byPriceId(PriceScraper scraper, String simUrl, ScrapeScope scope,
            ScraperConfig.HttpSettings http) throws ScrapeException {
        Map<String, SkuPrice> byId = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        ScrapeContext context = new ScrapeContext("it-run", Instant.now(), scope, URI.create(simUrl),
                new FailsafeHttpFetcher(http), new UnitTable(), Map.of(), ScrapeProgress.NONE);
        scraper.scrape(context, price -> {
            if (byId.put(price.getPriceId(), price) != null) {
                duplicates.add(price.getPriceId());
            }
        });
        assertThat(duplicates).isEmpty();
        return byId;
    }

    /** Scraped prices counted per service and region, in the shape of {@code CatalogueTruth.countsByServiceAndRegion}. */
    public static Map<String, Map<String, Long>> countsByServiceAndRegion(Map<String, SkuPrice> scraped) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        scraped.values().forEach(p -> counts.computeIfAbsent(p.getService(), s -> new TreeMap<>()).merge(p.getRegion(), 1L, Long::sum));
        return counts;
    }

    /** Every price of {@code csp}'s truth that is missing from {@code scraped} or differs from it, as "expected vs actual". */
    public static List<String> mismatches(CatalogueTruth truth, Csp csp, Map<String, SkuPrice> scraped) {
        List<String> mismatches = new ArrayList<>();
        truth.forEach(csp, expected -> {
            SkuPrice actual = scraped.get(expected.priceId());
            if (actual == null || !sameAs(expected, actual)) {
                mismatches.add(expected + " vs " + actual);
            }
        });
        return mismatches;
    }

    /** Whether a scraped price carries what the simulator's truth says it must. */
    public static boolean sameAs(ExpectedPrice expected, SkuPrice actual) {
        return expected.price().compareTo(actual.getPrice()) == 0
                && expected.tierStart().compareTo(actual.getTierStart()) == 0
                && expected.service().equals(actual.getService())
                && expected.region().equals(actual.getRegion())
                && expected.skuId().equals(actual.getSkuId())
                && expected.unit().equals(actual.getUnitPublished())
                && expected.purchaseOption().equals(actual.getPurchaseOption().name())
                && Objects.equals(expected.term(), actual.getTerm());
    }
}
