package io.pricestream.cli.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.pricestream.cli.CliRun;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/** {@code pricestream db migrate} against a real PostgreSQL: creates the schema once, then changes nothing. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MigrateDbIT {

    @TempDir
    Path workDir;

    @Test
    void shouldApplyNothingWhenMigratingTwice() throws SQLException {
        PipelineEnvironment stack = ItEnvironment.get();
        String database = SharedLocalStack.uniqueName("cli_migrate");
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/') + 1) + database;
        // User and password through the environment, as an operator would pass a secret.
        Map<String, String> env = Map.of("PRICESTREAM_JDBC_USER", stack.jdbcUser(), "PRICESTREAM_JDBC_PASSWORD", stack.jdbcPassword());

        CliRun first = new CliRun(env, workDir).execute("db", "migrate", "--jdbc-url", url);
        CliRun second = new CliRun(env, workDir).execute("db", "migrate", "--jdbc-url", url);

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).startsWith("Applied ").contains("price schema api_price in " + url);
        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).startsWith("Nothing to migrate: price schema api_price in " + url + " is already at version");
        try (Connection connection = DriverManager.getConnection(url, stack.jdbcUser(), stack.jdbcPassword());
             ResultSet tables = connection.getMetaData().getTables(null, "api_price", "infra_price%", null)) {
            assertThat(tables.next()).as("api_price.infra_price* tables exist").isTrue();
        }
    }
}
