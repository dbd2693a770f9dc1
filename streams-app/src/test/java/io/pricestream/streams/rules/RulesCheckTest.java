package io.pricestream.streams.rules;

import static io.pricestream.streams.TestPrices.at;
import static io.pricestream.streams.TestPrices.awsStorage;
import static io.pricestream.streams.TestPrices.azureVm;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The per-rule counts {@code pricestream rules check} prints. */
class RulesCheckTest {

    @Test
    void shouldCountMatchesAndDecisionsPerRule() {
        RulesCheck check = new RulesCheck(RulesFile.parse("r.yaml", new StringReader("""
                include:
                  - name: aws-ebs
                    csp: aws
                    product_family: Storage
                  - name: aws-all
                    csp: aws
                  - name: azure-vms
                    csp: azure
                exclude:
                  - name: no-sc1
                    attributes:
                      volumeApiName: sc1
                """)));

        check.acceptAll(List.of(
                awsStorage("1.a.b", "0.08", "r", at(1)).build(),
                awsStorage("2.a.b", "0.08", "r", at(1)).setAttributes(Map.of("volumeApiName", "sc1")).build(),
                awsStorage("3.a.b", "0.08", "r", at(1)).setProductFamily("Fee").build(),
                azureVm("m/s/Consumption//0", "0.2", "r", at(1)).build(),
                azureVm("m/s/Consumption//0", "0.2", "r", at(1)).setCsp("gcp").build()));
        RulesCheck.Report report = check.report();

        assertThat(report.prices()).isEqualTo(5);
        assertThat(report.kept()).isEqualTo(3);
        assertThat(report.rules()).containsExactly(
                new RulesCheck.RuleCount("aws-ebs", Rule.Action.INCLUDE, 2, 1),
                new RulesCheck.RuleCount("aws-all", Rule.Action.INCLUDE, 3, 1),
                new RulesCheck.RuleCount("azure-vms", Rule.Action.INCLUDE, 1, 1),
                new RulesCheck.RuleCount("no-sc1", Rule.Action.EXCLUDE, 1, 1));
        assertThat(report.source()).isEqualTo("r.yaml");
    }
}
