package io.pricestream.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import io.pricestream.localstack.LocalStackException;
import io.pricestream.schemas.config.InvalidConfigException;
import io.pricestream.scrapers.core.ScrapeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The exit code and the message for each kind of failure, on exception chains shaped like the real ones. */
class ExitCodeErrorHandlerTest {

    @Test
    void shouldPrintOneLineNamingPostgresWhenTheDriverCannotConnect() {
        Endpoints endpoints = new Endpoints();
        endpoints.record(EndpointKind.POSTGRES, "jdbc:postgresql://127.0.0.1:1/prices?password=secret");
        // PgJDBC: PSQLException(SQLState 08001) caused by ConnectException, wrapped by the caller.
        SQLException driver = new SQLException("Connection to 127.0.0.1:1 refused.", "08001",
                new ConnectException("Connection refused"));

        Handled handled = handle(endpoints, new RuntimeException("migration failed", driver));

        assertThat(handled.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(handled.err).isEqualTo("error: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/prices?password=***: "
                + "Connection to 127.0.0.1:1 refused." + System.lineSeparator());
    }

    @Test
    void shouldNameTheBootstrapServersWhenKafkaTimesOut() {
        Endpoints endpoints = new Endpoints();
        endpoints.record(EndpointKind.KAFKA, "127.0.0.1:9092");
        Exception error = new ExecutionException(new TimeoutException("Timed out waiting for a node assignment."));

        Handled handled = handle(endpoints, error);

        assertThat(handled.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(handled.err).startsWith("error: cannot reach Kafka at 127.0.0.1:9092: Timed out").hasLineCount(1);
    }

    @Test
    void shouldNameTheOnlyKnownEndpointWhenABareConnectExceptionArrives() {
        Endpoints endpoints = new Endpoints();
        endpoints.record(EndpointKind.HTTP, "http://127.0.0.1:1/offers");

        Handled handled = handle(endpoints, new RuntimeException(new ConnectException("Connection refused")));

        assertThat(handled.exitCode).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(handled.err).contains("cannot reach HTTP endpoint at http://127.0.0.1:1/offers").hasLineCount(1);
    }

    @Test
    void shouldListEveryProblemAndExitWithUsageCodeWhenTheConfigIsInvalid() {
        InvalidConfigException invalid = new InvalidConfigException(List.of(
                new InvalidConfigException.Problem("local.kafka.port", "x", "not a number"),
                new InvalidConfigException.Problem("jdbc.url", null, "missing")));

        Handled handled = handle(new Endpoints(), invalid);

        assertThat(handled.exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(handled.err).contains("local.kafka.port=x: not a number").contains("jdbc.url: missing").doesNotContain("\tat ");
    }

    @Test
    void shouldPrintTheReasonWithoutTraceWhenTheLocalStackRefusesToStart() {
        Handled handled = handle(new Endpoints(), new LocalStackException("Data dir '/x' is not a writable directory"));

        assertThat(handled.exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(handled.err).isEqualTo("error: Data dir '/x' is not a writable directory" + System.lineSeparator());
    }

    @Test
    void shouldBlameTheLocalStackNotTheConnectionWhenItsPostgresFailsToStart() {
        LocalStackException failed = new LocalStackException("PostgreSQL failed to start on port 5432 with data dir '/d/postgres': refused",
                new SQLException("Connection to localhost:5432 refused.", "08001"));

        Handled handled = handle(new Endpoints(), failed);

        assertThat(handled.exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(handled.err).startsWith("error: PostgreSQL failed to start on port 5432");
    }

    @Test
    void shouldExitWithRunNotOkCodeWhenAScrapeRunFailed() {
        Handled handled = handle(new Endpoints(), new ScrapeException("GET http://sim/api/retail/prices failed with HTTP 404: not found"));

        assertThat(handled.exitCode).isEqualTo(ExitCodes.RUN_NOT_OK);
        assertThat(handled.err).isEqualTo("error: GET http://sim/api/retail/prices failed with HTTP 404: not found" + System.lineSeparator());
    }

    @Test
    void shouldKeepTheStackTraceWhenTheFailureIsUnknown() {
        Handled handled = handle(new Endpoints(), new IllegalStateException("bug"));

        assertThat(handled.exitCode).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(handled.err).contains("java.lang.IllegalStateException: bug").contains("\tat ");
    }

    private record Handled(int exitCode, String err) {
    }

    private static Handled handle(Endpoints endpoints, Exception error) {
        @Command(name = "failing")
        class Failing implements Callable<Integer> {
            @Override
            public Integer call() throws Exception {
                throw error;
            }
        }
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Failing())
                .setExecutionExceptionHandler(new ExitCodeErrorHandler(endpoints))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute();
        return new Handled(exitCode, err.toString());
    }
}
