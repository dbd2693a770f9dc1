package io.pricestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The README's two set-up commands stay what they promise: the main job first, then exactly what CI runs. */
class ReadmeQuickStartTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```\\s*\\n(.*?)```");

    @Test
    void shouldRunTheMainJobFirstAndTheCiTestCommandSecond() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## Verbs"));
        List<String> commands = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(quickStart);
        while (block.find()) {
            commands.add(block.group(1).strip());
        }
        List<String> ciCommands = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(line -> line.startsWith("mvn ") && !line.equals("mvn -v")).toList();

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("./pricestream up");
        assertThat(ciCommands).containsExactly(commands.get(1));
        assertThat(Files.isExecutable(ROOT.resolve(".ci/run"))).isTrue();
        assertThat(Files.isExecutable(ROOT.resolve("pricestream"))).isTrue();
    }
}
