package io.pricestream.streams.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compiled rules decide exactly as the rules tested one by one, whatever the rules file. */
class RuleIndexTest {

    private static final RelevanceRules BUNDLED = RulesFile.bundledDefaults();
    /** One index for every try, as in a processor: what it remembers for one price must be right for the next. */
    private static final RuleIndex BUNDLED_INDEX = new RuleIndex(BUNDLED);

    /** Regions, a regex exclude (as the benchmark's product-regions rules) and over 64 rules (two words of bits). */
    private static final RelevanceRules MANY = RulesFile.parse("many rules", new StringReader(manyRules()));
    private static final RuleIndex MANY_INDEX = new RuleIndex(MANY);

    @Property(tries = 3000)
    void shouldDecideAsTheBundledRules(@ForAll("prices") SkuPrice price) {
        assertThat(BUNDLED_INDEX.isRelevant(price)).isEqualTo(BUNDLED.isRelevant(price));
    }

    @Property(tries = 3000)
    void shouldDecideAsRulesOfMoreThanOneWord(@ForAll("prices") SkuPrice price) {
        assertThat(MANY_INDEX.isRelevant(price)).isEqualTo(MANY.isRelevant(price));
    }

    @Test
    void shouldKeepAndDropOnTheBundledRules() {
        RuleIndex index = new RuleIndex(BUNDLED);
        SkuPrice linux = RuleTestPrices.price("aws", "AmazonEC2", "Compute Instance", null, "eu-west-1", PurchaseOption.ON_DEMAND,
                "hours", Map.of("instanceFamily", "General purpose", "operatingSystem", "Linux", "tenancy", "Shared",
                        "preInstalledSw", "NA", "capacitystatus", "Used"));
        SkuPrice noTenancy = RuleTestPrices.price("aws", "AmazonEC2", "Compute Instance", null, "eu-west-1", PurchaseOption.ON_DEMAND,
                "hours", Map.of("instanceFamily", "General purpose", "operatingSystem", "Linux",
                        "preInstalledSw", "NA", "capacitystatus", "Used"));
        SkuPrice spotDisk = RuleTestPrices.price("aws", "AmazonEC2", "Storage", null, "eu-west-1", PurchaseOption.SPOT, "gb_month", Map.of());

        assertThat(index.isRelevant(linux)).isTrue();
        assertThat(index.isRelevant(noTenancy)).isFalse();
        assertThat(index.isRelevant(spotDisk)).as("excluded by interruptible-and-dev-test").isFalse();
        assertThat(index.isRelevant(linux)).isTrue();
    }

    @Test
    void shouldKeepNothingForACspNoIncludeRuleCovers() {
        RelevanceRules awsOnly = RulesFile.parse("aws only", new StringReader("""
                version: 1
                include:
                  - name: ec2
                    csp: aws
                    service: AmazonEC2
                exclude:
                  - name: spot
                    purchase_option: [SPOT]
                """));
        SkuPrice gcp = RuleTestPrices.price("gcp", "Compute Engine", "Compute", "N2", "us-east1", PurchaseOption.ON_DEMAND, "hours", Map.of());

        assertThat(awsOnly.isRelevant(gcp)).isFalse();
        assertThat(new RuleIndex(awsOnly).isRelevant(gcp)).isFalse();
    }

    @Test
    void shouldDecideAlikeWhenThreadsShareOneIndex() throws Exception {
        RuleIndex index = new RuleIndex(BUNDLED);
        List<SkuPrice> prices = RuleTestPrices.prices().sampleStream().limit(20_000).toList();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                wrong.add(threads.submit(() -> prices.stream().filter(price -> index.isRelevant(price) != BUNDLED.isRelevant(price)).count()));
            }
            for (Future<Long> count : wrong) {
                assertThat(count.get()).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldStillDecideWhenAFieldRemembersNoMoreValues() {
        RuleIndex index = new RuleIndex(MANY);
        for (int i = 0; i < RuleIndex.REMEMBERED + 10; i++) {
            SkuPrice price = RuleTestPrices.price("gcp", "Compute Engine", "Compute", "sku " + i + (i % 3 == 0 ? " egress" : ""),
                    i % 2 == 0 ? "us-east1" : "europe-north1", PurchaseOption.ON_DEMAND, "gb", Map.of());
            assertThat(index.isRelevant(price)).as("price %d", i).isEqualTo(MANY.isRelevant(price));
        }
    }

    @Provide
    Arbitrary<SkuPrice> prices() {
        return RuleTestPrices.prices();
    }

    private static String manyRules() {
        StringBuilder yaml = new StringBuilder("version: 1\ninclude:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  - name: filler-").append(i).append("\n    csp: aws\n    service: Filler").append(i).append('\n');
        }
        yaml.append("""
                  - name: gcp-egress
                    csp: gcp
                    service: [Compute Engine, Networking]
                    sku_name: {regex: "egress"}
                  - name: ec2-linux
                    csp: aws
                    service: AmazonEC2
                    attributes:
                      operatingSystem: Linux
                  - name: azure-disks
                    csp: azure
                    attributes:
                      productName: {regex: "managed disk"}
                  - name: storage-anywhere
                    product_family: [Storage, Storage Snapshot]
                exclude:
                  - name: spot
                    purchase_option: [SPOT]
                  - name: outside-regions
                    region: {regex: "^(?!(?:us-east-1|eu-west-1|westeurope|us-east1)$)"}
                """);
        return yaml.toString();
    }
}
