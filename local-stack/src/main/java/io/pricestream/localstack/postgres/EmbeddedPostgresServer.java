package io.pricestream.localstack.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 server (zonky binaries) running on a persistent data directory, configured for logical
 * replication so Debezium can stream its changes.
 *
 * <p>initdb runs only when the directory holds no cluster yet; server settings are passed on every start,
 * so changing them here takes effect on the next start. On first start the login role (superuser with
 * REPLICATION) and the database are created.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration STALE_POSTMASTER_GRACE = Duration.ofSeconds(15);

    /** What to start: where, on which port, with which durability, and the login to provide. */
    public record Settings(Path dataDir, int port, boolean fsync, int replicationSlots, Duration startupTimeout,
                           String database, String user, String password) {
    }

    private final EmbeddedPostgres postgres;
    private final Settings settings;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Settings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    /** Stops any stale postmaster on the directory, starts the server and provisions role and database. */
    public static EmbeddedPostgresServer start(Settings settings) throws IOException, SQLException {
        new StalePostmasterReaper(STALE_POSTMASTER_GRACE).reap(settings.dataDir());
        String durable = settings.fsync() ? "on" : "off";
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(settings.dataDir())
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setPGStartupWait(settings.startupTimeout())
                // Debezium (pgoutput) needs logical decoding, replication slots and WAL senders.
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", Integer.toString(settings.replicationSlots()))
                .setServerConfig("max_wal_senders", Integer.toString(settings.replicationSlots()))
                // zonky defaults to a non-durable server; the local stack holds real data.
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .start();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, settings);
        try {
            server.provision();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + settings.database();
    }

    public String user() {
        return settings.user();
    }

    public String password() {
        return settings.password();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop PostgreSQL on '{}'", settings.dataDir(), e);
        }
        // zonky gives pg_ctl stop only 5 s, and returns at once if its own shutdown hook is already stopping
        // the server; a postmaster still running would outlive this JVM. Wait for it (or stop it) here.
        new StalePostmasterReaper(STALE_POSTMASTER_GRACE).awaitStopped(settings.dataDir());
    }

    // Names are validated by LocalStackConfig as plain lower-case SQL identifiers, so quoting them is enough.
    private void provision() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", settings.user())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE \"" + settings.user() + "\" LOGIN SUPERUSER REPLICATION PASSWORD '"
                            + settings.password().replace("'", "''") + "'");
                }
                LOG.info("Created PostgreSQL role '{}'", settings.user());
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", settings.database())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE \"" + settings.database() + "\" OWNER \"" + settings.user() + "\"");
                }
                LOG.info("Created PostgreSQL database '{}'", settings.database());
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
