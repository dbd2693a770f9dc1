package io.pricestream.connect.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Loads a batch of observations into the session's staging table with PostgreSQL {@code COPY} (CSV),
 * the fastest way into the server; the set-based statements of the writers then read it from there.
 *
 * <p>The staging table is temporary (never WAL-logged, invisible to other sessions) and empties itself
 * at the end of every transaction, committed or rolled back.
 */
public final class StagingLoader {

    /** Qualified with {@code pg_temp} so a table of the same name elsewhere on the search path never shadows it. */
    static final String TABLE = "pg_temp.price_staging";

    private static final String CREATE = "CREATE TEMP TABLE IF NOT EXISTS price_staging ("
            + "cloud_provider text NOT NULL, price_id text NOT NULL, sku_id text NOT NULL, region text NOT NULL, "
            + "sku_name text, service text NOT NULL, service_name text, product_family text, "
            + "start_usage_amount numeric(38,12) NOT NULL, end_usage_amount numeric(38,12), unit text NOT NULL, "
            + "unit_published text NOT NULL, unit_multiplier numeric(38,12) NOT NULL, price numeric(38,12) NOT NULL, "
            + "currency text NOT NULL, purchase_option text NOT NULL, term text, attributes jsonb NOT NULL, "
            + "effective_from timestamptz, observed_at timestamptz NOT NULL, run_id text NOT NULL, source_version text, "
            + "retired boolean NOT NULL, outcome text, "
            + "PRIMARY KEY (cloud_provider, price_id)) ON COMMIT DELETE ROWS";

    /** The staged columns that {@code infra_price} has too. */
    static final String PRICE_COLUMNS = "cloud_provider, price_id, sku_id, region, sku_name, service, service_name, "
            + "product_family, start_usage_amount, end_usage_amount, unit, unit_published, unit_multiplier, price, "
            + "currency, purchase_option, term, attributes, effective_from, observed_at, run_id, source_version";

    static final String COLUMNS = PRICE_COLUMNS + ", retired";

    private static final String COPY = "COPY " + TABLE + " (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";

    /** Creates the staging table if this session has none, then copies {@code prices} into it. Runs inside the caller's transaction. */
    public void load(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(pg, COPY, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (SkuPrice price : prices) {
                writeRow(out, price);
            }
        } catch (IOException e) {
            // PGCopyOutputStream reports server errors as IOException; keep the SQLException for the retry classifier
            SQLException sql = e.getCause() instanceof SQLException cause ? cause : new SQLException("COPY into staging failed: " + e.getMessage(), "08006", e);
            throw sql;
        }
        if (prices.size() > 1000) {
            // temporary tables are never auto-analysed; without statistics big batches get poor join plans
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE " + TABLE);
            }
        }
    }

    private static void writeRow(Writer out, SkuPrice p) throws IOException {
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
        out.write(p.getStatus() == PriceStatus.RETIRED ? "t" : "f");
        out.write('\n');
    }
}
