package io.pricestream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;

class BenchRulesTest {

    @Test
    void shouldKeepTheBundledFootprintOnlyInTheProductRegions() throws IOException {
        RelevanceRules bundled = RulesFile.bundledDefaults();
        RelevanceRules product = RulesFile.parse("product-regions", new StringReader(BenchRules.productRegions()));

        assertThat(product.includeRules()).hasSameSizeAs(bundled.includeRules());
        assertThat(product.excludeRules()).hasSize(bundled.excludeRules().size() + 1);
        for (String region : new String[] {"eastus", "westeurope", "southeastasia"}) {
            assertThat(bundled.isRelevant(loadBalancer(region))).as(region).isTrue();
            assertThat(product.isRelevant(loadBalancer(region))).as(region).isTrue();
        }
        // outside the list, and names that only start or end like a listed one
        for (String region : new String[] {"northeurope", "eastus2", "Zone 1", ""}) {
            assertThat(bundled.isRelevant(loadBalancer(region))).as(region).isTrue();
            assertThat(product.isRelevant(loadBalancer(region))).as(region).isFalse();
            assertThat(product.matchingExclude(loadBalancer(region)).name()).isEqualTo(BenchRules.EXCLUDE_RULE);
        }
    }

    @Test
    void shouldUseTheBundledRulesForDefaultAndAGivenFileAsItIs(@TempDir Path dir) {
        assertThat(BenchRules.path(BenchRules.DEFAULT, dir)).isEmpty();
        assertThat(BenchRules.path("/etc/rules.yaml", dir)).contains(Path.of("/etc/rules.yaml"));
        Path written = BenchRules.path(BenchRules.PRODUCT_REGIONS, dir).orElseThrow();
        assertThat(RulesFile.load(written).excludeRules()).extracting(rule -> rule.name()).contains(BenchRules.EXCLUDE_RULE);
    }

    private static SkuPrice loadBalancer(String region) {
        return SkuPrice.newBuilder()
                .setCsp("azure").setPriceId("lb-" + region).setSkuId("DZH318Z0BNVX/0002").setService("Load Balancer")
                .setServiceName("Load Balancer").setProductFamily("Networking").setRegion(region).setSkuName("Standard")
                .setUnit("hours").setUnitPublished("1 Hour").setUnitMultiplier(BigDecimal.ONE)
                .setTierStart(BigDecimal.ZERO).setTierEnd(null).setPrice(new BigDecimal("0.025")).setCurrency("USD")
                .setPurchaseOption(PurchaseOption.ON_DEMAND).setTerm(null).setEffectiveFrom(null)
                .setAttributes(Map.of("productName", "Load Balancer")).setObservedAt(Instant.parse("2026-11-22T00:00:00Z"))
                .setRunId("run-1").setSourceVersion(null).setStatus(PriceStatus.ACTIVE).build();
    }
}
