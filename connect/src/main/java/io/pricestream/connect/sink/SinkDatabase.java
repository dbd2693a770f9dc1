package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.pricestream.connect.schema.PriceSchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's one database connection: opened on first use, dropped after any failure so the next
 * attempt starts on a fresh one (after a server restart the old socket is dead).
 */
final class SinkDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkDatabase.class);

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private Connection connection;

    SinkDatabase(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "pricestream-sink");
        properties.setProperty("tcpKeepAlive", "true");
    }

    Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl, properties);
        }
        return connection;
    }

    /** Forgets the current connection after a failure; the next {@link #connection()} opens a new one. */
    void discard() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a failed connection to '{}' failed too: {}", PriceSchemaMigrator.maskedUrl(jdbcUrl), e.getMessage());
            }
            connection = null;
        }
    }

    String describe() {
        return PriceSchemaMigrator.maskedUrl(jdbcUrl);
    }

    @Override
    public void close() {
        discard();
    }
}
