package io.pricestream.cspsim;

import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.testing.ReferenceScraper;
import io.pricestream.cspsim.testing.ReferenceScraper.Point;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** advance(share) changes exactly the requested share of prices and adds/removes a few, deterministically. */
class AdvanceTest {

    @ParameterizedTest
    @CsvSource({"AWS,0.01", "AWS,0.3", "AZURE,0.05", "AZURE,1.0"})
    void shouldChangeExactlyTheRequestedShareWhenAdvancing(Csp csp, double share) {
        SimulatedClouds clouds = new SimulatedClouds(8_000, 21);
        Map<String, Point> before = ReferenceScraper.expected(clouds.truth(), csp);
        AdvanceResult result = clouds.advance(share);
        Map<String, Point> after = ReferenceScraper.expected(clouds.truth(), csp);

        long stable = before.keySet().stream().filter(after::containsKey).count();
        long changed = before.keySet().stream().filter(after::containsKey)
                .filter(id -> before.get(id).price().compareTo(after.get(id).price()) != 0).count();
        assertThat(result.stable().get(csp)).isEqualTo(stable);
        assertThat(changed).isEqualTo(Math.round(share * stable)).isEqualTo(result.changed().get(csp));
    }

    @Test
    void shouldChangeExactlyTheRequestedShareOfGcpSkuTiersWhenAdvancing() {
        // GCP engine points are (SKU, tier); a multi-region SKU shows one change in each of its regions.
        SimulatedClouds clouds = new SimulatedClouds(8_000, 22);
        Map<String, Point> before = ReferenceScraper.expected(clouds.truth(), Csp.GCP);
        AdvanceResult result = clouds.advance(0.1);
        Map<String, Point> after = ReferenceScraper.expected(clouds.truth(), Csp.GCP);
        Set<String> changedSkuTiers = new HashSet<>();
        Set<String> stableSkuTiers = new HashSet<>();
        before.forEach((id, point) -> {
            if (after.containsKey(id)) {
                String skuTier = id.substring(0, id.indexOf('/')) + id.substring(id.lastIndexOf('/'));
                stableSkuTiers.add(skuTier);
                if (point.price().compareTo(after.get(id).price()) != 0) {
                    changedSkuTiers.add(skuTier);
                }
            }
        });
        assertThat((long) stableSkuTiers.size()).isEqualTo(result.stable().get(Csp.GCP));
        assertThat((long) changedSkuTiers.size()).isEqualTo(Math.round(0.1 * stableSkuTiers.size()));
    }

    @Test
    void shouldAddAndRemoveSomePricePointsWhenAdvancing() {
        SimulatedClouds clouds = new SimulatedClouds(8_000, 23);
        Map<String, Point> before = ReferenceScraper.expected(clouds.truth(), Csp.AWS);
        AdvanceResult result = clouds.advance(0.5);
        Map<String, Point> after = ReferenceScraper.expected(clouds.truth(), Csp.AWS);
        assertThat(result.addedUnits().get(Csp.AWS)).isPositive();
        assertThat(result.removedUnits().get(Csp.AWS)).isPositive();
        assertThat(after.keySet().stream().filter(id -> !before.containsKey(id)).count()).isPositive();
        assertThat(before.keySet().stream().filter(id -> !after.containsKey(id)).count()).isPositive();
    }

    @Test
    void shouldReproduceTheSameHistoryWhenSeedAndSharesAreTheSame() {
        SimulatedClouds first = new SimulatedClouds(5_000, 24);
        SimulatedClouds second = new SimulatedClouds(5_000, 24);
        first.advance(0.1);
        second.advance(0.1);
        for (Csp csp : Csp.values()) {
            assertThat(ReferenceScraper.expected(first.truth(), csp))
                    .isEqualTo(ReferenceScraper.expected(second.truth(), csp));
        }
    }

    @Test
    void shouldKeepDescribingAnOldGenerationWhenTheCatalogueAdvances() {
        SimulatedClouds clouds = new SimulatedClouds(5_000, 25);
        var truth = clouds.truth();
        Map<String, Point> before = ReferenceScraper.expected(truth, Csp.AZURE);
        clouds.advance(0.5);
        assertThat(ReferenceScraper.expected(truth, Csp.AZURE)).isEqualTo(before);
        assertThat(ReferenceScraper.expected(clouds.truth(0), Csp.AZURE)).isEqualTo(before);
        assertThat(ReferenceScraper.expected(clouds.truth(), Csp.AZURE)).isNotEqualTo(before);
    }

    @Test
    void shouldRejectAShareOutsideZeroToOne() {
        SimulatedClouds clouds = new SimulatedClouds(1_000, 26);
        assertThatThrownBy(() -> clouds.advance(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share").hasMessageContaining("1.5");
        assertThatThrownBy(() -> clouds.advance(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
