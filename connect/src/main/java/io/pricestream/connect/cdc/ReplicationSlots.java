package io.pricestream.connect.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the publisher's logical replication slot ({@code pricestream cdc --drop-slot}).
 *
 * <p>A slot keeps every WAL segment its consumer has not confirmed, so a slot whose publisher is gone for
 * good fills the database's disk. Dropping it is the way out; the next start of the publisher creates a new
 * slot and publishes only changes made after that (snapshot.mode=no_data).
 */
public final class ReplicationSlots {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationSlots.class);

    private ReplicationSlots() {
    }

    /**
     * Drops {@code slotName} on the database at {@code jdbcUrl}.
     *
     * @throws ReplicationSlotException when the slot does not exist, is in use by a running publisher (stop it
     *                                  first), or the database cannot be reached
     */
    public static void drop(String jdbcUrl, String user, String password, String slotName) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            Boolean active = activeState(connection, slotName);
            if (active == null) {
                throw new ReplicationSlotException("Replication slot '" + slotName + "' does not exist on " + jdbcUrl);
            }
            if (active) {
                throw new ReplicationSlotException("Replication slot '" + slotName + "' on " + jdbcUrl
                        + " is in use: stop the CDC publisher before dropping it");
            }
            try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slotName);
                drop.execute();
            }
            LOG.info("Dropped replication slot '{}' on '{}'", slotName, jdbcUrl);
        } catch (SQLException e) {
            // Between the check and the drop a publisher may have started: PostgreSQL then says "is active".
            throw new ReplicationSlotException("Cannot drop replication slot '" + slotName + "' on " + jdbcUrl + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code slotName} exists on the database at {@code jdbcUrl}. */
    public static boolean exists(String jdbcUrl, String user, String password, String slotName) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            return activeState(connection, slotName) != null;
        } catch (SQLException e) {
            throw new ReplicationSlotException("Cannot read replication slots on " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** null when the slot does not exist, else whether a consumer is attached. */
    private static Boolean activeState(Connection connection, String slotName) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slotName);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getBoolean(1) : null;
            }
        }
    }

    /** A replication slot could not be dropped or read; the message names the slot, the database and why. */
    public static final class ReplicationSlotException extends RuntimeException {
        public ReplicationSlotException(String message) {
            super(message);
        }

        public ReplicationSlotException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
