package io.pricestream.cli.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/** {@code pricestream rules check}: validation only, no cluster. */
class CheckRulesCommandTest {

    @TempDir
    Path workDir;

    @Test
    void shouldExitTwoNamingLineAndRuleWhenARegexIsBroken() throws IOException {
        Files.writeString(workDir.resolve("rules.yaml"), """
                version: 1
                include:
                  - name: aws-ec2
                    csp: aws
                    service: AmazonEC2
                  - name: gcp-n2
                    csp: gcp
                    sku_name: {regex: "(N2"}
                """);

        CliRun run = CliRun.run(workDir, "rules", "check", "rules.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: ").contains("rules.yaml: line 8").contains("include[1]")
                .contains("rule 'gcp-n2'").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldReportTheRulesWhenTheFileIsValidAndOnlyValidated() throws IOException {
        Files.writeString(workDir.resolve("rules.yaml"), """
                version: 1
                include:
                  - name: aws-ec2
                    csp: aws
                exclude:
                  - name: no-spot
                    purchase_option: [SPOT]
                """);

        CliRun run = CliRun.run(workDir, "rules", "check", "rules.yaml", "--validate-only");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("rules.yaml: valid (1 include, 1 exclude rules)");
    }

    @Test
    void shouldExitTwoNamingTheFileWhenItDoesNotExist() {
        CliRun run = CliRun.run(workDir, "rules", "check", "missing.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("missing.yaml");
    }
}
