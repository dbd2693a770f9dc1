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
 * transaction. Used for the staging table and, for prices never seen before, straight into the price tables.
 */
final class PriceCopy {

    /** The columns every price row starts with, in the order {@link #priceFields} writes them. */
    static final String PRICE_COLUMNS = "cloud_provider, price_id, sku_id, region, sku_name, service, service_name, "
            + "product_family, start_usage_amount, end_usage_amount, unit, unit_published, unit_multiplier, price, "
            + "currency, purchase_option, term, attributes, effective_from, observed_at, run_id, source_version";

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

    /** The {@link #PRICE_COLUMNS} fields of {@code p}, each followed by its separator. */
    static void priceFields(Writer out, SkuPrice p) throws IOException {
        CopyCsv.text(out, p.getCsp());
        CopyCsv.text(out, p.getPriceId());
        CopyCsv.text(out, p.getSkuId());
        CopyCsv.text(out, p.getRegion());
        CopyCsv.text(out, p.getSkuName());
        CopyCsv.text(out, p.getService());
        CopyCsv.text(out, p.getServiceName());
        CopyCsv.text(out, p.getProductFamily());
        CopyCsv.amount(out, p.getTierStart());
        CopyCsv.amount(out, p.getTierEnd());
        CopyCsv.text(out, p.getUnit());
        CopyCsv.text(out, p.getUnitPublished());
        CopyCsv.amount(out, p.getUnitMultiplier());
        CopyCsv.amount(out, p.getPrice());
        CopyCsv.text(out, p.getCurrency());
        CopyCsv.text(out, p.getPurchaseOption().name());
        CopyCsv.text(out, p.getTerm());
        CopyCsv.text(out, CopyCsv.attributesJson(p.getAttributes()));
        CopyCsv.time(out, p.getEffectiveFrom());
        CopyCsv.time(out, p.getObservedAt());
        CopyCsv.text(out, p.getRunId());
        CopyCsv.text(out, p.getSourceVersion());
    }
}
