package io.pricestream.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import io.pricestream.schemas.config.ComponentConfig;

/**
 * Configuration of the embedded local stack: where its data lives and which ports its three servers use.
 *
 * <p>A port left at its default is only a preference: when it is taken, the stack picks a free one. A port
 * set explicitly must be free, or the start fails naming it. Port {@code 0} always means "any free port".
 */
public final class LocalStackConfig extends ComponentConfig {

    public static final String DATA_DIR = "local.data.dir";
    public static final String KAFKA_PORT = "local.kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "local.kafka.controller.port";
    public static final String KAFKA_PARTITIONS_DEFAULT = "local.kafka.partitions.default";
    public static final String POSTGRES_PORT = "local.postgres.port";
    public static final String POSTGRES_DATABASE = "local.postgres.database";
    public static final String POSTGRES_USER = "local.postgres.user";
    public static final String POSTGRES_PASSWORD = "local.postgres.password";
    public static final String POSTGRES_FSYNC = "local.postgres.fsync";
    public static final String POSTGRES_REPLICATION_SLOTS_MAX = "local.postgres.replication.slots.max";
    public static final String POSTGRES_STARTUP_TIMEOUT_MS = "local.postgres.startup.timeout.ms";
    public static final String REGISTRY_PORT = "local.registry.port";

    /** Default data directory; a leading {@code ~} stands for the user's home directory. */
    public static final String DEFAULT_DATA_DIR = "~/.pricestream";

    // Role and database names go into DDL unquoted-safe; restricting them avoids any quoting questions.
    private static final Pattern SQL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DATA_DIR, Type.STRING, DEFAULT_DATA_DIR, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Directory holding all local data (kafka/, postgres/, stack.lock); kept across restarts. "
                            + "A leading ~ is the user's home directory.")
            .define(KAFKA_PORT, Type.INT, 9092, Range.between(0, 65535), Importance.HIGH,
                    "Port of the Kafka client listener on localhost. If the default is taken a free port is used; "
                            + "if set explicitly it must be free. 0 means any free port.")
            .define(KAFKA_CONTROLLER_PORT, Type.INT, 0, Range.between(0, 65535), Importance.LOW,
                    "Port of the KRaft controller listener on localhost. 0 means any free port.")
            .define(KAFKA_PARTITIONS_DEFAULT, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of topics created without an explicit count (broker num.partitions).")
            .define(POSTGRES_PORT, Type.INT, 5432, Range.between(0, 65535), Importance.HIGH,
                    "Port of PostgreSQL on localhost. If the default is taken a free port is used; "
                            + "if set explicitly it must be free. 0 means any free port.")
            .define(POSTGRES_DATABASE, Type.STRING, "pricestream", sqlName(), Importance.MEDIUM,
                    "Database created on first start and returned by jdbcUrl().")
            .define(POSTGRES_USER, Type.STRING, "pricestream", sqlName(), Importance.MEDIUM,
                    "Login role created on first start (superuser with REPLICATION, as Debezium needs).")
            .define(POSTGRES_PASSWORD, Type.PASSWORD, "pricestream", Importance.LOW,
                    "Password of the login role (default pricestream), set when the role is created. Local connections are "
                            + "trusted, so it guards nothing by itself.")
            .define(POSTGRES_FSYNC, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Run PostgreSQL with fsync=on and synchronous_commit=on (durable). Tests turn it off for speed.")
            .define(POSTGRES_REPLICATION_SLOTS_MAX, Type.INT, 20, Range.between(1, 1000), Importance.LOW,
                    "max_replication_slots and max_wal_senders of PostgreSQL: one slot per Debezium connector, "
                            + "including test connectors whose slot was not dropped.")
            .define(POSTGRES_STARTUP_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(1_000), Importance.LOW,
                    "How long to wait for PostgreSQL to accept connections (crash recovery after a kill can take a while).")
            .define(REGISTRY_PORT, Type.INT, 8081, Range.between(0, 65535), Importance.HIGH,
                    "Port of the embedded Schema Registry on localhost. If the default is taken a free port is used; "
                            + "if set explicitly it must be free. 0 means any free port.");

    public LocalStackConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    /** The data directory, with a leading {@code ~} expanded to the user's home directory. */
    public Path dataDir() {
        String raw = getString(DATA_DIR).trim();
        if (raw.equals("~") || raw.startsWith("~/")) {
            raw = System.getProperty("user.home") + raw.substring(1);
        }
        return Path.of(raw).toAbsolutePath().normalize();
    }

    /** The port wish for {@code key}: explicit ones must be honoured, defaults are preferences. */
    public PortRequest port(String key) {
        return new PortRequest(key, getInt(key), originals().containsKey(key));
    }

    public int kafkaPartitionsDefault() {
        return getInt(KAFKA_PARTITIONS_DEFAULT);
    }

    public String postgresDatabase() {
        return getString(POSTGRES_DATABASE);
    }

    public String postgresUser() {
        return getString(POSTGRES_USER);
    }

    public String postgresPassword() {
        return getPassword(POSTGRES_PASSWORD).value();
    }

    public boolean postgresFsync() {
        return getBoolean(POSTGRES_FSYNC);
    }

    public int postgresReplicationSlotsMax() {
        return getInt(POSTGRES_REPLICATION_SLOTS_MAX);
    }

    public long postgresStartupTimeoutMs() {
        return getLong(POSTGRES_STARTUP_TIMEOUT_MS);
    }

    private static ConfigDef.Validator sqlName() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !SQL_NAME.matcher(value.toString()).matches()) {
                    throw new ConfigException(name, value == null ? null : value.toString(),
                            "must be a lower-case SQL name matching " + SQL_NAME.pattern());
                }
            }

            @Override
            public String toString() {
                return "lower-case SQL name " + SQL_NAME.pattern();
            }
        };
    }

    /** A port wish: the configured number ({@code 0} = any), and whether the user set it explicitly. */
    public record PortRequest(String key, int port, boolean explicit) {
    }

    @Override
    public String toString() {
        return "LocalStackConfig" + describe();
    }
}
