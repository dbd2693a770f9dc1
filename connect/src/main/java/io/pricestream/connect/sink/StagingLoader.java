package io.pricestream.connect.sink;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;

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
            // keys collated like infra_price's (byte order), so joins on them compare the same way and can use its indexes
            + "cloud_provider text COLLATE \"C\" NOT NULL, price_id text COLLATE \"C\" NOT NULL, "
            + "sku_id text COLLATE \"C\" NOT NULL, region text COLLATE \"C\" NOT NULL, "
            + "sku_name text, service text COLLATE \"C\" NOT NULL, service_name text, product_family text, "
            + "start_usage_amount numeric(38,12) NOT NULL, end_usage_amount numeric(38,12), unit text NOT NULL, "
            + "unit_published text NOT NULL, unit_multiplier numeric(38,12) NOT NULL, price numeric(38,12) NOT NULL, "
            + "currency text NOT NULL, purchase_option text NOT NULL, term text, attributes jsonb NOT NULL, "
            + "effective_from timestamptz, observed_at timestamptz NOT NULL, run_id text NOT NULL, source_version text, "
            + "retired boolean NOT NULL, outcome text, "
            + "PRIMARY KEY (cloud_provider, price_id)) ON COMMIT DELETE ROWS";

    /** The price columns {@code infra_price} has too, then whether the observation is a retirement. */
    static final String COLUMNS = CopyCsv.PRICE_COLUMNS + ", retired";

    private static final String COPY = "COPY " + TABLE + " (" + COLUMNS + ") FROM STDIN WITH (FORMAT csv)";

    /** Creates the staging table if this session has none, then copies {@code prices} into it. Runs inside the caller's transaction. */
    public void load(Connection connection, Collection<SkuPrice> prices) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        PriceCopy.copy(connection, COPY, prices, StagingLoader::writeRow);
        if (prices.size() > 1000) {
            // temporary tables are never auto-analysed; without statistics big batches get poor join plans
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE " + TABLE);
            }
        }
    }

    private static void writeRow(Writer out, SkuPrice p) throws IOException {
        CopyCsv.priceFields(out, p);
        out.write(p.getStatus() == PriceStatus.RETIRED ? "t" : "f");
        out.write('\n');
    }
}
