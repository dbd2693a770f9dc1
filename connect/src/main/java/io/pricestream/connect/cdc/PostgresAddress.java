package io.pricestream.connect.cdc;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Host, port and database of a PostgreSQL JDBC URL: Debezium's connector takes them as separate
 * {@code database.*} properties while the rest of pricestream configures databases by JDBC URL.
 */
public record PostgresAddress(String host, int port, String database) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?params]}.
     *
     * @throws IllegalArgumentException naming the URL and what is missing when it is not of that form
     */
    public static PostgresAddress parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("JDBC URL '" + jdbcUrl + "' does not start with '" + PREFIX + "'");
        }
        URI uri;
        try {
            uri = new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("JDBC URL '" + jdbcUrl + "' is not a valid URL: " + e.getMessage(), e);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // A comma-separated multi-host URL lands here too: logical replication needs the one primary.
            throw new IllegalArgumentException("JDBC URL '" + jdbcUrl + "' names no single host");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("JDBC URL '" + jdbcUrl + "' names no database");
        }
        return new PostgresAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), path.substring(1));
    }
}
