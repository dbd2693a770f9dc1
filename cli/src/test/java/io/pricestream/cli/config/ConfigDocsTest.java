package io.pricestream.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed docs document every declared key: README.md's config tables and pricestream.yaml.example.
 * When this fails, run {@code cli/regenerate-config-docs.sh}.
 */
class ConfigDocsTest {

    // Surefire runs in the module directory; the docs live at the repository root.
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMMENTED_SETTING = Pattern.compile("(?m)^#([a-z][a-z0-9._-]*):(.*)$");

    @TempDir
    Path dir;

    @Test
    void shouldDocumentEveryDeclaredKeyInTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));

        List<String> missing = ComponentCatalog.knownKeys().stream().filter(key -> !readme.contains("| `" + key + "` |")).toList();

        assertThat(missing).as("keys missing from README.md's config tables (run cli/regenerate-config-docs.sh)").isEmpty();
    }

    @Test
    void shouldDocumentEveryDeclaredKeyInTheExampleFile() throws IOException {
        String example = Files.readString(ROOT.resolve("pricestream.yaml.example"));

        List<String> missing = ComponentCatalog.knownKeys().stream()
                .filter(key -> !Pattern.compile("(?m)^#" + Pattern.quote(key) + ":").matcher(example).find()).toList();

        assertThat(missing).as("keys missing from pricestream.yaml.example (run cli/regenerate-config-docs.sh)").isEmpty();
    }

    @Test
    void shouldHoldOnlyKnownKeysWhenEveryExampleSettingIsUncommented() throws IOException {
        String example = Files.readString(ROOT.resolve("pricestream.yaml.example"));
        Matcher settings = COMMENTED_SETTING.matcher(example);
        StringBuilder uncommented = new StringBuilder();
        while (settings.find()) {
            uncommented.append(settings.group(1)).append(':').append(settings.group(2).replaceAll("#.*$", "")).append('\n');
        }
        Path file = Files.writeString(dir.resolve("uncommented.yaml"), uncommented);

        LoadedConfig config = new PricestreamConfigLoader(Map.of()).load(Optional.of(file), Map.of());

        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.values().keySet()).containsAll(ComponentCatalog.knownKeys().stream()
                .filter(key -> ComponentCatalog.declarations().get(key).hasDefault()
                        && ComponentCatalog.declarations().get(key).defaultValue != null)
                .toList());
    }

    @Test
    void shouldRenderATableRowForEveryKeyWhenGeneratingTheReadmeSection() {
        String markdown = ConfigDocs.markdown();

        ComponentCatalog.knownKeys().forEach(key -> assertThat(markdown).contains("| `" + key + "` |"));
    }
}
