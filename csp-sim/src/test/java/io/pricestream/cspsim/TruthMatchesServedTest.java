package io.pricestream.cspsim;

import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.testing.InMemoryApis;
import io.pricestream.cspsim.testing.ReferenceScraper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What a scraper following the README reads from the served APIs is exactly the truth, before and after advances. */
class TruthMatchesServedTest {

    @ParameterizedTest
    @EnumSource(Csp.class)
    void shouldServeExactlyTheTruthWhenScrapedByTheReadmeRules(Csp csp) {
        SimulatedClouds clouds = new SimulatedClouds(6_000, 11);
        assertServedEqualsTruth(clouds, csp);
    }

    @ParameterizedTest
    @EnumSource(Csp.class)
    void shouldServeExactlyTheTruthWhenGenerationsAdvanced(Csp csp) {
        SimulatedClouds clouds = new SimulatedClouds(6_000, 12);
        clouds.advance(0.2);
        clouds.advance(0.05);
        assertServedEqualsTruth(clouds, csp);
    }

    @Test
    void shouldCountPerServiceAndRegionWhatItStreams() {
        SimulatedClouds clouds = new SimulatedClouds(6_000, 13);
        CatalogueTruth truth = clouds.truth();
        for (Csp csp : Csp.values()) {
            Map<String, Map<String, Long>> streamed = new TreeMap<>();
            truth.forEach(csp, p -> streamed.computeIfAbsent(p.service(), s -> new TreeMap<>())
                    .merge(p.region(), 1L, Long::sum));
            assertThat(truth.countsByServiceAndRegion(csp)).isEqualTo(streamed);
            assertThat(truth.countsByService(csp).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(truth.total(csp));
        }
    }

    @ParameterizedTest
    @EnumSource(Csp.class)
    void shouldEndEachTierWhereTheNextTierOfTheSamePriceStarts(Csp csp) {
        CatalogueTruth truth = new SimulatedClouds(6_000, 14).truth();
        Map<String, java.util.Set<java.math.BigDecimal>> startsByGroup = new java.util.HashMap<>();
        Map<String, java.math.BigDecimal> maxStartByGroup = new java.util.HashMap<>();
        truth.forEach(csp, p -> {
            startsByGroup.computeIfAbsent(group(csp, p.priceId()), g -> new java.util.TreeSet<>()).add(p.tierStart());
            maxStartByGroup.merge(group(csp, p.priceId()), p.tierStart(), java.math.BigDecimal::max);
        });
        int[] tiered = {0};
        truth.forEach(csp, p -> {
            String group = group(csp, p.priceId());
            if (p.tierEnd() == null) {
                assertThat(p.tierStart()).as(p.priceId()).isEqualByComparingTo(maxStartByGroup.get(group));
            } else {
                tiered[0]++;
                assertThat(p.tierEnd()).as(p.priceId()).isGreaterThan(p.tierStart());
                assertThat(startsByGroup.get(group)).as(p.priceId()).contains(p.tierEnd());
            }
        });
        assertThat(tiered[0]).isPositive();
    }

    @Test
    void shouldSampleEvenlyFromWhatItStreams() {
        CatalogueTruth truth = new SimulatedClouds(6_000, 15).truth();
        java.util.Set<String> all = new java.util.HashSet<>();
        truth.forEach(Csp.AWS, p -> all.add(p.priceId()));
        java.util.List<io.pricestream.cspsim.catalogue.ExpectedPrice> sample = truth.sample(Csp.AWS, 50);
        assertThat(sample).hasSizeBetween(45, 50);
        assertThat(sample).extracting(io.pricestream.cspsim.catalogue.ExpectedPrice::priceId).doesNotHaveDuplicates()
                .allMatch(all::contains);
    }

    /** Points that are tiers of one price: AWS term, Azure meter/sku/type/term, GCP sku/region. */
    private static String group(Csp csp, String priceId) {
        return switch (csp) {
            case AWS -> priceId.substring(0, priceId.lastIndexOf('.'));
            case AZURE, GCP -> priceId.substring(0, priceId.lastIndexOf('/'));
        };
    }

    @Test
    void shouldSplitTheScaleAcrossTheCspsRoughlySixtyTwentyFiveFifteen() {
        CatalogueTruth truth = new SimulatedClouds(100_000, 1).truth();
        long aws = truth.total(Csp.AWS);
        long azure = truth.total(Csp.AZURE);
        long gcp = truth.total(Csp.GCP);
        assertThat(aws).isBetween(54_000L, 66_000L);
        assertThat(azure).isBetween(22_000L, 28_000L);
        assertThat(gcp).isBetween(13_000L, 18_000L);
    }

    private static void assertServedEqualsTruth(SimulatedClouds clouds, Csp csp) {
        Map<String, ReferenceScraper.Point> expected = ReferenceScraper.expected(clouds.truth(), csp);
        Map<String, ReferenceScraper.Point> served = new InMemoryApis(clouds, 100).scraper().scrape(csp);
        assertThat(expected).isNotEmpty();
        assertThat(ReferenceScraper.differences(expected, served)).isEmpty();
        assertThat(served).hasSameSizeAs(expected);
    }
}
