package io.pricestream.connect.sink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ObjectMapper json = new ObjectMapper();

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

    private void writeRow(Writer out, SkuPrice p) throws IOException {
        text(out, p.getCsp());
        text(out, p.getPriceId());
        text(out, p.getSkuId());
        text(out, p.getRegion());
        text(out, p.getSkuName());
        text(out, p.getService());
        text(out, p.getServiceName());
        text(out, p.getProductFamily());
        amount(out, p.getTierStart());
        amount(out, p.getTierEnd());
        text(out, p.getUnit());
        text(out, p.getUnitPublished());
        amount(out, p.getUnitMultiplier());
        amount(out, p.getPrice());
        text(out, p.getCurrency());
        text(out, p.getPurchaseOption().name());
        text(out, p.getTerm());
        text(out, attributes(p));
        time(out, p.getEffectiveFrom());
        time(out, p.getObservedAt());
        text(out, p.getRunId());
        text(out, p.getSourceVersion());
        out.write(p.getStatus() == PriceStatus.RETIRED ? "t" : "f");
        out.write('\n');
    }

    private String attributes(SkuPrice price) throws JsonProcessingException {
        return json.writeValueAsString(new TreeMap<>(price.getAttributes()));
    }

    /** CSV: an unquoted empty field is NULL, a quoted one is the text with inner quotes doubled. */
    private static void text(Writer out, String value) throws IOException {
        if (value != null) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        }
        out.write(',');
    }

    private static void amount(Writer out, BigDecimal value) throws IOException {
        if (value != null) {
            out.write(value.toPlainString());
        }
        out.write(',');
    }

    private static void time(Writer out, Instant value) throws IOException {
        if (value != null) {
            out.write(value.toString());
        }
        out.write(',');
    }
}
