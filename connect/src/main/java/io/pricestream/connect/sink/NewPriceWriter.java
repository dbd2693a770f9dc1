package io.pricestream.connect.sink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Writes the prices of a batch that {@code infra_price} has never stored straight into {@code infra_price} with
 * {@code COPY} (binary rows, {@link CopyBinary}), and hands the others back for staging.
 *
 * <p>A first observation needs no classification: it is {@link Outcome#NEW} or {@link Outcome#NEW_RETIRED}, so
 * staging it and joining it against the stored state is pure cost. Its row is all it needs: an active price's open
 * history period is its {@code infra_price} row (see {@link PriceHistoryWriter}). A full refresh into an empty
 * schema is nothing but first observations.
 *
 * <p>Runs inside the batch's transaction after its offsets were stored: those row locks keep every other
 * instance off the batch's partitions, and with them off its keys, until commit. Should a key appear anyway
 * (a zombie past its fence), the primary key refuses the second insert and the whole batch rolls back.
 *
 * <p>{@link #writeAll} skips the probe for stored keys: the primary key itself tells whether a batch held only
 * first observations ({@link #isStoredKey} on its failure).
 */
final class NewPriceWriter {

    private static final String PRIMARY_KEY = "infra_price_pk";

    private static final String STORED = "SELECT p.cloud_provider, p.price_id FROM api_price.infra_price p"
            + " JOIN unnest(?::text[], ?::text[]) AS k(cloud_provider, price_id)"
            + " ON p.cloud_provider = k.cloud_provider AND p.price_id = k.price_id";

    private static final String COPY_PRICES = "COPY api_price.infra_price (" + CopyBinary.NEW_PRICE_COLUMNS
            + ") FROM STDIN WITH (FORMAT binary)";

    /** What {@link #write} did: how many prices it inserted of each kind, and the prices left for staging. */
    record Split(int inserted, int insertedRetired, List<SkuPrice> stored) {

        /** The inserted prices as outcomes: {@link Outcome#NEW} and {@link Outcome#NEW_RETIRED}. */
        Map<Outcome, Integer> counts() {
            Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
            counts.put(Outcome.NEW, inserted);
            counts.put(Outcome.NEW_RETIRED, insertedRetired);
            return counts;
        }
    }

    /** Inserts every price of {@code prices} whose key is not stored yet; returns the others, in order. */
    Split write(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        Set<PriceRef> stored = storedKeys(connection, prices);
        List<SkuPrice> fresh = new ArrayList<>(prices.size() - stored.size());
        List<SkuPrice> rest = new ArrayList<>(stored.size());
        for (SkuPrice price : prices) {
            if (stored.contains(PriceRef.of(price))) {
                rest.add(price);
            } else {
                fresh.add(price);
            }
        }
        Split inserted = writeAll(connection, fresh);
        return new Split(inserted.inserted(), inserted.insertedRetired(), rest);
    }

    /**
     * Inserts every price of {@code prices} as a first observation, without looking for stored keys first: cheaper
     * when none is stored, as in a full refresh into an empty schema.
     *
     * @throws SQLException {@link #isStoredKey} when a key was stored after all; the transaction is then aborted
     *                      and must be rolled back
     */
    Split writeAll(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        if (!prices.isEmpty()) {
            PriceCopy.copyBinary(connection, COPY_PRICES, prices, CopyBinary::newPriceRow);
        }
        int retired = (int) prices.stream().filter(price -> price.getStatus() == PriceStatus.RETIRED).count();
        return new Split(prices.size() - retired, retired, List.of());
    }

    /** Whether {@code failure} is {@code infra_price}'s primary key refusing a price that is stored already. */
    static boolean isStoredKey(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && PSQLState.UNIQUE_VIOLATION.getState().equals(psql.getSQLState())) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server != null && PRIMARY_KEY.equals(server.getConstraint());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Set<PriceRef> storedKeys(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        String[] csps = new String[prices.size()];
        String[] ids = new String[prices.size()];
        int i = 0;
        for (SkuPrice price : prices) {
            csps[i] = price.getCsp();
            ids[i++] = price.getPriceId();
        }
        Set<PriceRef> stored = new HashSet<>();
        Array cspArray = connection.createArrayOf("text", csps);
        Array idArray = connection.createArrayOf("text", ids);
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setArray(1, cspArray);
            statement.setArray(2, idArray);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stored.add(new PriceRef(rows.getString(1), rows.getString(2)));
                }
            }
        } finally {
            cspArray.free();
            idArray.free();
        }
        return stored;
    }
}
