package io.pricestream.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.testing.Prices;
import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.PurchaseOption;
import io.pricestream.schemas.avro.SkuPrice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The binary rows of first observations store exactly what the same values store as text: the same prices copied
 * both ways into two tables like {@code infra_price} read back equal, column by column, as PostgreSQL prints them.
 * The text side is the sink's CSV fields ({@link CopyCsv}) with the values {@link CopyBinary#newPriceRow} documents,
 * which is how first observations were copied before they went binary.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CopyBinaryIT {

    private static final String COPY = "COPY %s (" + CopyBinary.NEW_PRICE_COLUMNS + ") FROM STDIN WITH (FORMAT %s)";

    @Test
    void shouldStoreTheSameRowsAsCsvWhenPricesAreCopiedInBinary() throws SQLException {
        Database db = TestDatabases.create("copy_binary");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        List<SkuPrice> prices = List.of(
                Prices.active("p-plain", "0.096", 1).build(),
                Prices.active("p-max", "99999999999999999999999999.999999999999", 2).build(),
                Prices.active("p-tiny", "0.000000000001", 3).build(),
                Prices.active("p-trailing-zeros", "1.500000000000", 4).build(),
                // negative scale: 1E+3 is 1000
                Prices.active("p-exponent", "1", 5).setPrice(new BigDecimal("1E+3")).setTierEnd(new BigDecimal("5E+2"))
                        .setTierStart(BigDecimal.ZERO).build(),
                Prices.active("p-zero", "0", 6).setTierStart(new BigDecimal("100.25")).setTierEnd(new BigDecimal("1024"))
                        .setUnitMultiplier(new BigDecimal("0.001")).build(),
                Prices.active("p-unicode", "2", 7).setSkuName("Ünïcode — SKU ✓ \"quoted\", comma").setTerm("1yr")
                        .setPurchaseOption(PurchaseOption.RESERVED).setSourceVersion("20261120000000")
                        .setAttributes(Map.of("ключ", "значение", "emoji", "☁", "empty", "")).build(),
                Prices.active("p-nulls", "3", 8).setSkuName(null).setServiceName(null).setProductFamily(null)
                        .setAttributes(Map.of()).build(),
                // sub-microsecond instants are rounded half to even, as PostgreSQL rounds them from text
                Prices.active("p-nanos", "4", 9).setEffectiveFrom(Instant.parse("2026-01-01T00:00:00.000000500Z")).build(),
                Prices.active("p-nanos-odd", "4", 9).setEffectiveFrom(Instant.parse("2026-01-01T00:00:00.000001500Z")).build(),
                Prices.active("p-nanos-up", "4", 9).setEffectiveFrom(Instant.parse("2026-01-01T00:00:00.000002501Z")).build(),
                Prices.active("p-before-2000", "5", 10).setEffectiveFrom(Instant.parse("1999-12-31T23:59:59.999999Z")).build(),
                Prices.active("p-retired", "6", 11).setStatus(PriceStatus.RETIRED).build());

        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE from_csv (LIKE api_price.infra_price INCLUDING ALL)");
            statement.execute("CREATE TABLE from_binary (LIKE api_price.infra_price INCLUDING ALL)");
            PriceCopy.copy(connection, COPY.formatted("from_csv", "csv"), prices, CopyBinaryIT::csvRow);
            PriceCopy.copyBinary(connection, COPY.formatted("from_binary", "binary"), prices, CopyBinary::newPriceRow);

            List<String> csv = rows(statement, "from_csv");
            assertThat(csv).hasSize(prices.size());
            assertThat(rows(statement, "from_binary")).containsExactlyElementsOf(csv);
            assertThat(csv).anyMatch(row -> row.startsWith("(aws,p-exponent,") && row.contains(",1000.000000000000,"))
                    .anyMatch(row -> row.startsWith("(aws,p-nanos,") && row.contains("\"2026-01-01 00:00:00+00\""))
                    .anyMatch(row -> row.startsWith("(aws,p-nanos-odd,") && row.contains("\"2026-01-01 00:00:00.000002+00\""))
                    .anyMatch(row -> row.startsWith("(aws,p-nanos-up,") && row.contains("\"2026-01-01 00:00:00.000003+00\""));
            // first seen = last changed = observed, not retired, opened by its run; a retired first observation retired then
            String at1 = "\"2026-01-01 00:01:00+00\"";
            String at11 = "\"2026-01-01 00:11:00+00\"";
            assertThat(rows(statement, "from_binary"))
                    .anyMatch(row -> row.startsWith("(aws,p-plain,") && row.endsWith(at1 + "," + at1 + "," + at1 + ",,run-1,,run-1)"))
                    .anyMatch(row -> row.startsWith("(aws,p-retired,")
                            && row.endsWith(at11 + "," + at11 + "," + at11 + "," + at11 + ",run-11,,run-11)"));
        }
    }

    /** The CSV row of a first observation: the text form of what {@link CopyBinary#newPriceRow} writes. */
    private static void csvRow(Writer out, SkuPrice p) throws IOException {
        CopyCsv.priceFields(out, p);
        Instant observed = p.getObservedAt();
        CopyCsv.time(out, observed);
        CopyCsv.time(out, observed);
        CopyCsv.time(out, p.getStatus() == PriceStatus.RETIRED ? observed : null);
        // the last field: quoted like CopyCsv.text, but ending the row instead of a separator
        out.write('"' + p.getRunId().replace("\"", "\"\"") + "\"\n");
    }

    /** Every row as PostgreSQL's text form of the whole record, in key order. */
    private static List<String> rows(Statement statement, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        statement.execute("SET TimeZone = 'UTC'");
        try (ResultSet r = statement.executeQuery("SELECT t::text FROM " + table + " t ORDER BY cloud_provider, price_id")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
