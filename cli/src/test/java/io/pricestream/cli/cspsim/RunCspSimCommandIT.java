package io.pricestream.cli.cspsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;

/** {@code pricestream csp-sim} serves the simulated APIs at the printed URLs and refuses a taken port. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunCspSimCommandIT {

    private static final Pattern AZURE = Pattern.compile("(?m)^  azure: (\\S+)$");
    private static final Pattern BASE = Pattern.compile("at (http://\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path workDir;

    @Test
    void shouldServeThePrintedUrlsUntilStoppedAndRefuseATakenPort() throws Exception {
        CliRun run = new CliRun(Map.of("PRICESTREAM_SIM_SEED", "7"), workDir);
        Thread thread = new Thread(() -> run.execute("csp-sim", "--port", "0", "--scale", "200"), "csp-sim-under-test");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> run.out().contains("Press Ctrl-C to stop.") || !thread.isAlive());
            Matcher azure = AZURE.matcher(run.out());
            assertThat(azure.find()).as("azure URL in: %s / %s", run.out(), run.err()).isTrue();

            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(azure.group(1))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("\"Items\"");

            Matcher base = BASE.matcher(run.out());
            assertThat(base.find()).isTrue();
            String port = base.group(1).substring(base.group(1).lastIndexOf(':') + 1);
            CliRun second = CliRun.run(workDir, "csp-sim", "--port", port, "--scale", "200");
            assertThat(second.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(second.err()).contains(port).hasLineCount(1);
        } finally {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(thread.isAlive()).isFalse();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    }
}
