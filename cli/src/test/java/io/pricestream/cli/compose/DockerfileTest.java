package io.pricestream.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The {@code Dockerfile} builds the cli jar from the reactor and runs it. It cannot be
 * built here (no Docker engine), so the parts that drift when the project changes are checked instead.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldCopyEveryModulesPomAndTheSourcesTheCliJarIsBuiltFrom() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> modules = matches("<module>([^<]+)</module>", Files.readString(ROOT.resolve("pom.xml")));
        // cli lists every module it needs directly; the artifact pricestream-<dir> is built from module <dir>.
        List<String> built = new ArrayList<>(matches(
                "<dependency>\\s*<groupId>io\\.pricestream</groupId>\\s*<artifactId>pricestream-([a-z-]+)</artifactId>",
                Files.readString(ROOT.resolve("cli/pom.xml"))));
        built.add("cli");

        assertThat(modules).contains("cli").containsAll(built);
        int goOffline = dockerfile.indexOf("go-offline");
        assertThat(goOffline).isPositive();
        for (String module : modules) {
            // The reactor reads every module's pom, built or not.
            assertThat(dockerfile).as("Dockerfile copies the pom of module %s", module)
                    .contains("COPY " + module + "/pom.xml " + module + "/");
        }
        for (String module : built) {
            assertThat(dockerfile).as("Dockerfile copies the sources of module %s", module)
                    .contains("COPY " + module + "/src " + module + "/src");
            // The dependency step runs on the poms alone, before any source is copied.
            assertThat(goOffline).as("go-offline before the sources of %s", module)
                    .isLessThan(dockerfile.indexOf("COPY " + module + "/src"));
        }
        assertThat(dockerfile).contains("mvn -B -q -pl cli -am -DskipTests package");
    }

    @Test
    void shouldRunTheCliJarAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String cliPom = Files.readString(ROOT.resolve("cli/pom.xml"));

        assertThat(cliPom).contains("<outputFile>${project.build.directory}/pricestream.jar</outputFile>");
        assertThat(dockerfile).contains("COPY --from=build /src/cli/target/pricestream.jar /app/pricestream.jar")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/pricestream.jar\"]");
        List<String> users = matches("(?m)^USER\\s+(\\S+)", dockerfile);
        assertThat(users).as("the last USER is the one the container runs as").isNotEmpty();
        assertThat(users.get(users.size() - 1)).isNotIn("root", "0");
    }

    @Test
    void shouldKeepBuildOutputAndSecretsOutOfTheBuildContext() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));

        assertThat(ignored).contains("**/target/", ".git/", ".env");
    }

    private static List<String> matches(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).trim());
        }
        return found;
    }
}
