package io.pricestream.connect.cdc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The TLS settings of a PostgreSQL JDBC URL ({@code ?sslmode=verify-full&sslrootcert=/secrets/root.crt}) as
 * Debezium's {@code database.*} properties: Debezium takes host, port and database separately, so without this the
 * URL's TLS parameters would never reach its replication connection.
 */
final class PostgresTls {

    /** PgJDBC URL parameter → Debezium PostgreSQL connector property. */
    static final Map<String, String> PARAMETERS = Map.of(
            "sslmode", "database.sslmode",
            "sslrootcert", "database.sslrootcert",
            "sslcert", "database.sslcert",
            "sslkey", "database.sslkey",
            "sslpassword", "database.sslpassword",
            "sslfactory", "database.sslfactory");

    private PostgresTls() {
    }

    /** The Debezium properties for the TLS parameters {@code jdbcUrl} carries; empty when it carries none. */
    static Map<String, String> debeziumProperties(String jdbcUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return properties;
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String property = PARAMETERS.get(name);
            if (property != null) {
                properties.put(property, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return properties;
    }
}
