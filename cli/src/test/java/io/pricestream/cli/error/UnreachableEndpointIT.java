package io.pricestream.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Real clients against a closed port on 127.0.0.1: one line naming the endpoint, no stack trace. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnreachableEndpointIT {

    @TempDir
    Path workDir;

    @Test
    void shouldNameTheDatabaseInOneLineWhenDbMigrateCannotConnect() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/prices";

        CliRun run = CliRun.run(workDir, "db", "migrate", "--jdbc-url", url);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).startsWith("error: cannot reach PostgreSQL at " + url).hasLineCount(1).doesNotContain("\tat ");
    }

    @Test
    void shouldNameTheBootstrapServersInOneLineWhenKafkaCannotBeReached() throws IOException {
        String bootstrap = "127.0.0.1:" + closedPort();
        Endpoints endpoints = new Endpoints();

        @Command(name = "probe")
        class DescribeCluster implements Callable<Integer> {
            @Override
            public Integer call() throws Exception {
                endpoints.record(EndpointKind.KAFKA, bootstrap);
                try (Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
                    admin.describeCluster().clusterId().get();
                }
                return ExitCodes.OK;
            }
        }
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new DescribeCluster())
                .setExecutionExceptionHandler(new ExitCodeErrorHandler(endpoints))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute();

        assertThat(exitCode).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).startsWith("error: cannot reach Kafka at " + bootstrap).hasLineCount(1);
    }

    // Bound and released: nothing listens there any more, so a connect is refused.
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
