package io.pricestream.connect.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.pricestream.localstack.testing.ItEnvironment;
import io.pricestream.localstack.testing.PipelineEnvironment;
import io.pricestream.localstack.testing.SharedLocalStack;

/**
 * A fresh database per test on the PostgreSQL of the JVM's shared local stack, so tests never see each
 * other's rows and each can migrate its own {@code api_price} schema.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new, empty database on the shared server. */
    public static Database create(String prefix) {
        PipelineEnvironment stack = ItEnvironment.get();
        String name = SharedLocalStack.uniqueName(prefix);
        try (Connection admin = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database '" + name + "' on " + stack.jdbcUrl(), e);
        }
        return new Database(withDatabase(stack.jdbcUrl(), name), stack.jdbcUser(), stack.jdbcPassword());
    }

    /** {@code jdbc:postgresql://host:port/db?params} with {@code db} replaced. */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
    }

    /** Where one test database lives. */
    public record Database(String jdbcUrl, String user, String password) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }
}
