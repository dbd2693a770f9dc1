package io.pricestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.error.ExitCodes;
import picocli.CommandLine;

class PricestreamCommandTest {

    @TempDir
    Path workDir;

    @Test
    void shouldListEveryVerbWhenAskedForHelp() {
        CliRun run = CliRun.run(workDir, "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Usage: pricestream").contains("stack").contains("db").contains("config")
                .contains("Exit codes");
    }

    @Test
    void shouldPrintTheMavenVersionWhenAskedForVersion() {
        CliRun run = CliRun.run(workDir, "--version");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("pricestream " + VersionProvider.version() + System.lineSeparator());
        // Maven filtered the placeholder away: a real version, not "${project.version}".
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void shouldAnswerHelpAndVersionOnEveryVerbWhenAsked() {
        List<List<String>> paths = new ArrayList<>();
        collect(PricestreamCommand.commandLine(Map.of(), workDir), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("stack", "db migrate", "config show");

        for (List<String> path : paths) {
            for (String flag : List.of("--help", "--version")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRun run = CliRun.run(workDir, args.toArray(String[]::new));
                assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.OK);
                assertThat(run.out()).as(String.join(" ", args))
                        .contains(flag.equals("--help") ? "Usage: pricestream " + String.join(" ", path) : "pricestream " + VersionProvider.version());
            }
        }
    }

    @Test
    void shouldExitWithUsageCodeWhenTheVerbIsUnknown() {
        CliRun run = CliRun.run(workDir, "stakc");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("stakc");
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        command.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            into.add(subPath);
            collect(sub, subPath, into);
        });
    }
}
