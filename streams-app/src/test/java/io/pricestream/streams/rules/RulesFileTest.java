package io.pricestream.streams.rules;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;

/** Parsing, semantics and error reporting of rules files. */
class RulesFileTest {

    private static RelevanceRules parse(String yaml) {
        return RulesFile.parse("test.yaml", new StringReader(yaml));
    }

    private static SkuPrice ebs(Map<String, String> attributes) {
        return awsStorage("A.B.C", "0.08", "run-1", at(1)).setAttributes(attributes).build();
    }

    @Test
    void shouldKeepPriceWhenAnIncludeMatchesAndNoExcludeDoes() {
        RelevanceRules rules = parse("""
                version: 1
                include:
                  - name: ebs
                    csp: aws
                    service: AmazonEC2
                    product_family: [Storage, Storage Snapshot]
                exclude:
                  - name: no-magnetic
                    attributes:
                      volumeApiName: standard
                """);

        assertThat(rules.isRelevant(ebs(Map.of("volumeApiName", "gp3")))).isTrue();
        assertThat(rules.isRelevant(ebs(Map.of("volumeApiName", "standard")))).isFalse();
        assertThat(rules.isRelevant(awsStorage("A.B.C", "1", "r", at(1)).setProductFamily("Compute Instance").build())).isFalse();
        assertThat(rules.matchingExclude(ebs(Map.of("volumeApiName", "standard"))).name()).isEqualTo("no-magnetic");
    }

    @Test
    void shouldMatchCaseInsensitivelyAndServiceByEitherName() {
        RelevanceRules rules = parse("""
                include:
                  - name: by-display-name
                    csp: AWS
                    service: amazon elastic compute cloud
                    region: US-EAST-2
                """);

        assertThat(rules.isRelevant(ebs(Map.of()))).isTrue();
    }

    @Test
    void shouldApplyEqualsInRegexAndRangeConditions() {
        RelevanceRules rules = parse("""
                include:
                  - name: memory
                    csp: aws
                    purchase_option: {in: [ON_DEMAND, RESERVED]}
                    unit: {equals: gb_month}
                    attributes:
                      memory: {range: {min: 8, max: 64}}
                      instanceType: {regex: "^r[5-7]"}
                """);
        SkuPrice.Builder base = awsStorage("A.B.C", "0.08", "run-1", at(1));

        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "16 GiB", "instanceType", "r6g.large")).build())).isTrue();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "64 GiB", "instanceType", "R7i.xlarge")).build())).isTrue();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "4 GiB", "instanceType", "r6g.large")).build()))
                .as("below range").isFalse();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "NA", "instanceType", "r6g.large")).build()))
                .as("no number").isFalse();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "16 GiB", "instanceType", "m6g.large")).build()))
                .as("regex").isFalse();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "16 GiB")).build())).as("missing attribute").isFalse();
        assertThat(rules.isRelevant(base.setAttributes(Map.of("memory", "16 GiB", "instanceType", "r6g.large"))
                .setPurchaseOption(PurchaseOption.SPOT).build())).as("purchase option").isFalse();
    }

    @Test
    void shouldNameLineAndFieldOfUnknownField() {
        assertThatThrownBy(() -> parse("""
                include:
                  - name: ebs
                    csp: aws
                    servise: AmazonEC2
                """))
                .isInstanceOfSatisfying(RulesFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.path()).isEqualTo("include[0].servise");
                    assertThat(e.problem()).contains("unknown field 'servise'").contains("service");
                })
                .hasMessageStartingWith("test.yaml: line 4");
    }

    @Test
    void shouldNameLineOfBadRegex() {
        assertThatThrownBy(() -> parse("""
                include:
                  - name: ok
                    csp: aws
                  - name: broken
                    csp: gcp
                    sku_name: {regex: "(N2"}
                """))
                .isInstanceOfSatisfying(RulesFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.path()).isEqualTo("include[1].sku_name");
                    assertThat(e.problem()).contains("bad regex '(N2'");
                });
    }

    @Test
    void shouldRefuseRuleWithoutNameOrWithDuplicateName() {
        assertThatThrownBy(() -> parse("""
                include:
                  - csp: aws
                """))
                .isInstanceOfSatisfying(RulesFileException.class, e -> {
                    assertThat(e.path()).isEqualTo("include[0]");
                    assertThat(e.problem()).contains("rule without a name");
                    assertThat(e.line()).isEqualTo(2);
                });
        assertThatThrownBy(() -> parse("""
                include:
                  - name: same
                    csp: aws
                exclude:
                  - name: same
                    csp: gcp
                """))
                .isInstanceOfSatisfying(RulesFileException.class, e -> {
                    assertThat(e.path()).isEqualTo("exclude[0]");
                    assertThat(e.problem()).contains("duplicate rule name 'same'");
                });
    }

    @Test
    void shouldRefuseUnknownCspPurchaseOptionAndEmptyConditions() {
        assertThatThrownBy(() -> parse("include:\n  - name: x\n    csp: amazon\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("unknown CSP 'amazon'"));
        assertThatThrownBy(() -> parse("include:\n  - name: x\n    purchase_option: ondemand\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("unknown purchase option 'ondemand'"));
        assertThatThrownBy(() -> parse("include:\n  - name: x\n    unit:\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> {
                    assertThat(e.problem()).contains("empty condition");
                    assertThat(e.path()).isEqualTo("include[0].unit");
                });
        assertThatThrownBy(() -> parse("include:\n  - name: x\n    unit: {like: hours}\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("unknown condition 'like'"));
        assertThatThrownBy(() -> parse("include:\n  - name: x\n    attributes:\n      vcpu: {range: {min: 8, max: 2}}\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("min 8 is above max 2"));
        assertThatThrownBy(() -> parse("include:\n  - name: everything\n    description: no conditions\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("has no conditions"));
    }

    @Test
    void shouldRefuseInvalidYamlEmptyFileAndNoIncludes() {
        assertThatThrownBy(() -> parse("include:\n  - name: x\n   csp: [aws\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.line()).isPositive());
        assertThatThrownBy(() -> parse(""))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("empty rules file"));
        assertThatThrownBy(() -> parse("version: 1\nexclude:\n  - name: x\n    csp: aws\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("no include rules"));
        assertThatThrownBy(() -> parse("version: 2\ninclude:\n  - name: x\n    csp: aws\n"))
                .isInstanceOfSatisfying(RulesFileException.class, e -> assertThat(e.problem()).contains("unsupported version 2"));
    }

    @Test
    void shouldNameMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> RulesFile.load(missing))
                .isInstanceOf(RulesFileException.class).hasMessageContaining("nope.yaml").hasMessageContaining("file not found");
    }

    @Test
    void shouldLoadFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "include:\n  - name: all-aws\n    csp: aws\n");

        RelevanceRules rules = RulesFile.load(file);

        assertThat(rules.source()).isEqualTo(file.toString());
        assertThat(rules.includeRules()).extracting(Rule::name).containsExactly("all-aws");
        assertThat(rules.isRelevant(ebs(Map.of()))).isTrue();
    }
}
