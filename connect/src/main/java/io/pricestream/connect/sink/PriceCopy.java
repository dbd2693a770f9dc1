package io.pricestream.connect.sink;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataOutputStream;
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
 * Streams prices into a table with PostgreSQL {@code COPY ... FROM STDIN} inside the caller's transaction, in CSV
 * (rows from {@link CopyCsv}: the staging table) or binary (rows from {@link CopyBinary}: first observations straight
 * into {@code infra_price}).
 */
final class PriceCopy {

    private static final int BUFFER = 1 << 16;

    private PriceCopy() {
    }

    /** Writes the CSV row(s) of one price; called once per price, in order. */
    @FunctionalInterface
    interface RowWriter {
        void write(Writer out, SkuPrice price) throws IOException;
    }

    /** Writes the binary row of one price; called once per price, in order. */
    @FunctionalInterface
    interface BinaryRowWriter {
        void write(DataOutputStream out, SkuPrice price) throws IOException;
    }

    /** Runs {@code copySql} ({@code FORMAT csv}) and feeds it one {@code rows} call per price. */
    static void copy(Connection connection, String copySql, Iterable<SkuPrice> prices, RowWriter rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(pg, copySql, BUFFER), StandardCharsets.UTF_8), BUFFER)) {
            for (SkuPrice price : prices) {
                rows.write(out, price);
            }
        } catch (IOException e) {
            throw failure(copySql, e);
        }
    }

    /** Runs {@code copySql} ({@code FORMAT binary}) and feeds it the header, one {@code rows} call per price, the trailer. */
    static void copyBinary(Connection connection, String copySql, Iterable<SkuPrice> prices, BinaryRowWriter rows) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new PGCopyOutputStream(pg, copySql, BUFFER), BUFFER))) {
            CopyBinary.header(out);
            for (SkuPrice price : prices) {
                rows.write(out, price);
            }
            CopyBinary.trailer(out);
        } catch (IOException e) {
            throw failure(copySql, e);
        }
    }

    /** PGCopyOutputStream reports server errors as IOException; keep the SQLException for the retry classifier. */
    private static SQLException failure(String copySql, IOException e) {
        return e.getCause() instanceof SQLException cause ? cause
                : new SQLException("COPY failed (" + copySql + "): " + e.getMessage(), "08006", e);
    }
}
