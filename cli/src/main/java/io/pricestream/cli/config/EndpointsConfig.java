package io.pricestream.cli.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.pricestream.schemas.config.ComponentConfig;

/**
 * Where the pipeline's shared services live: the Kafka cluster and the PostgreSQL database. Left unset, the
 * verbs that need them use the embedded local stack instead (DESIGN.md, "Embedded default vs production").
 * The Schema Registry URL is declared by the registry client's own config ({@code schema.registry.url}).
 */
public final class EndpointsConfig extends ComponentConfig {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String JDBC_URL = "jdbc.url";
    public static final String JDBC_USER = "jdbc.user";
    public static final String JDBC_PASSWORD = "jdbc.password";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(KAFKA_BOOTSTRAP_SERVERS, Type.LIST, List.of(), new HostPorts(), Importance.HIGH,
                    "Kafka bootstrap servers as host:port,host:port. Empty means the embedded local stack's broker.")
            .define(JDBC_URL, Type.STRING, null, new JdbcUrl(), Importance.HIGH,
                    "JDBC URL of the PostgreSQL database holding the price schema (jdbc:postgresql://host:port/db). "
                            + "Unset means the embedded local stack's database.")
            .define(JDBC_USER, Type.STRING, null, Importance.MEDIUM,
                    "Database user for jdbc.url; unset means the user in the URL (or the driver's default).")
            .define(JDBC_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                    "Database password for jdbc.url; never logged.");

    public EndpointsConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    /** The configured bootstrap servers, or empty when the local stack's broker is meant. */
    public Optional<String> kafkaBootstrapServers() {
        List<String> servers = getList(KAFKA_BOOTSTRAP_SERVERS);
        return servers.isEmpty() ? Optional.empty() : Optional.of(String.join(",", servers));
    }

    /** The configured JDBC URL, or empty when the local stack's database is meant. */
    public Optional<String> jdbcUrl() {
        return Optional.ofNullable(getString(JDBC_URL));
    }

    public String jdbcUser() {
        return getString(JDBC_USER);
    }

    public String jdbcPassword() {
        Password password = getPassword(JDBC_PASSWORD);
        return password == null ? null : password.value();
    }

    /** Each entry must be host:port with a port in range. */
    private static final class HostPorts implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> servers = (List<String>) value;
            for (String server : servers) {
                int colon = server.lastIndexOf(':');
                if (colon < 1 || colon == server.length() - 1) {
                    throw new ConfigException(name, server, "expected host:port");
                }
                try {
                    int port = Integer.parseInt(server.substring(colon + 1).trim());
                    if (port < 1 || port > 65535) {
                        throw new ConfigException(name, server, "port out of range 1-65535");
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, server, "port is not a number");
                }
            }
        }

        @Override
        public String toString() {
            return "host:port list";
        }
    }

    /** Only PostgreSQL URLs: the price schema's migrations and the sink are written for it. */
    private static final class JdbcUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !value.toString().startsWith("jdbc:postgresql://")) {
                throw new ConfigException(name, value, "expected jdbc:postgresql://host:port/database");
            }
        }

        @Override
        public String toString() {
            return "jdbc:postgresql:// URL";
        }
    }
}
