package io.pricestream.connect.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;
import java.util.Set;

/**
 * Tells a database failure worth retrying (the connection dropped, the server is restarting, a
 * serialisation conflict) from one that will fail the same way again (bad data, missing table), by
 * walking the cause chain for SQLStates and I/O errors.
 */
final class TransientFailures {

    // 08 connection exception, 40 transaction rollback (serialisation, deadlock), 53 insufficient resources,
    // 57P0x server shutting down / not yet accepting connections, 58 system error (I/O)
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "58");
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "55P03");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state) || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
