package io.pricestream.connect.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import io.pricestream.schemas.avro.SkuPrice;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams prices into a table with PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)} inside the caller's
 * transaction. Used for the staging table and, for prices never seen before, straight into the price tables; the
 * rows come from {@link CopyCsv}.
 */
final class PriceCopy {

    private PriceCopy() {
    }

    /** Writes the CSV row(s) of one price; called once per price, in order. */
    @FunctionalInterface
    interface RowWriter {
        void write(Writer out, SkuPrice price) throws IOException;
    }

    /** Runs {@code copySql} and feeds it one {@code rows} call per price. */
    static void copy(Connection connection, String copySql, Iterable<SkuPrice> prices, RowWriter rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(pg, copySql, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (SkuPrice price : prices) {
                rows.write(out, price);
            }
        } catch (IOException e) {
            // PGCopyOutputStream reports server errors as IOException; keep the SQLException for the retry classifier
            throw e.getCause() instanceof SQLException cause ? cause
                    : new SQLException("COPY failed (" + copySql + "): " + e.getMessage(), "08006", e);
        }
    }
}
