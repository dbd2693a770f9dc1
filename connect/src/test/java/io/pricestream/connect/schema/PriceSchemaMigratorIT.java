package io.pricestream.connect.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pricestream.connect.testing.TestDatabases;
import io.pricestream.connect.testing.TestDatabases.Database;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PriceSchemaMigratorIT {

    @Test
    void shouldApplyEveryMigrationOnceWhenMigratedTwice() {
        Database db = TestDatabases.create("migrate_twice");
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());

        MigrationResult first = migrator.migrate();
        MigrationResult second = migrator.migrate();

        assertThat(first.migrationsApplied()).isEqualTo(5);
        assertThat(first.currentVersion()).isEqualTo("5");
        assertThat(second.migrationsApplied()).isZero();
        assertThat(second.currentVersion()).isEqualTo("5");
        assertThat(migrator.status()).isEqualTo(new SchemaStatus("5", "5", 0));
        migrator.validate();
    }

    @Test
    void shouldReportPendingMigrationsWhenNothingIsApplied() {
        Database db = TestDatabases.create("pending");
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());

        assertThat(migrator.status()).isEqualTo(new SchemaStatus(null, "5", 5));
        assertThatThrownBy(migrator::validate)
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("table api_price.infra_price is missing");
    }

    @Test
    void shouldCreateTablesIndexesAndFullReplicaIdentityWhenMigrated() throws SQLException {
        Database db = TestDatabases.create("layout");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();

        try (Connection connection = db.connect()) {
            assertThat(strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = 'api_price' ORDER BY 1"))
                    .containsExactly("flyway_schema_history", "infra_price", "infra_price_period", "sink_offsets");
            // V5: the history readers know is a view over closed periods and the open period in infra_price
            assertThat(strings(connection, "SELECT viewname FROM pg_views WHERE schemaname = 'api_price'"))
                    .containsExactly("infra_price_history");
            assertThat(strings(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'api_price'"))
                    .anyMatch(def -> def.contains("infra_price_sku_idx") && def.contains("(cloud_provider, sku_id)"))
                    .anyMatch(def -> def.contains("infra_price_region_service_idx") && def.contains("(cloud_provider, region, service)"))
                    .anyMatch(def -> def.contains("infra_price_period_pk") && def.contains("(cloud_provider, price_id, valid_from)"))
                    // V3: nothing reads history by sku_id (see the migration), so the sink does not pay for that index
                    .noneMatch(def -> def.contains("infra_price_history_sku_idx"))
                    // V4: the sink finds open periods by the primary key
                    .noneMatch(def -> def.contains("infra_price_history_open_idx"))
                    .noneMatch(def -> def.contains("infra_price_history_start_uq"));
            assertThat(strings(connection, "SELECT column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'api_price' AND table_name = 'infra_price_history'"))
                    .doesNotContain("history_id");
            // V5: keys compare in byte order whatever the cluster's locale
            assertThat(strings(connection, "SELECT table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE table_schema = 'api_price' AND collation_name = 'C' AND table_name LIKE 'infra_price%' ORDER BY 1"))
                    .containsExactly("infra_price.cloud_provider", "infra_price.price_id", "infra_price.region",
                            "infra_price.service", "infra_price.sku_id", "infra_price_history.cloud_provider",
                            "infra_price_history.price_id", "infra_price_history.region", "infra_price_history.service",
                            "infra_price_history.sku_id", "infra_price_period.cloud_provider", "infra_price_period.price_id",
                            "infra_price_period.region", "infra_price_period.service", "infra_price_period.sku_id");
            assertThat(strings(connection, "SELECT relreplident::text FROM pg_class WHERE oid = 'api_price.infra_price'::regclass"))
                    .containsExactly("f");
            assertThat(strings(connection, "SELECT data_type FROM information_schema.columns "
                    + "WHERE table_schema = 'api_price' AND table_name = 'infra_price' AND column_name = 'price'"))
                    .containsExactly("numeric");
        }
    }

    @Test
    void shouldRefuseTwoPeriodsStartingTogetherAnEmptyPeriodOrAnOpenOneWhenWrittenByHand() throws SQLException {
        Database db = TestDatabases.create("periods");
        new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();
        String insert = "INSERT INTO api_price.infra_price_period (cloud_provider, price_id, sku_id, region, service, "
                + "start_usage_amount, unit, price, currency, purchase_option, valid_from, valid_to, run_id) VALUES "
                + "('aws', 'p1', 's1', 'us-east-1', 'AmazonEC2', 0, 'hours', 1.5, 'USD', 'ON_DEMAND', %s, %s, 'r1')";

        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(insert.formatted("'2026-01-01T00:00Z'", "'2026-02-01T00:00Z'"));

            assertThatThrownBy(() -> statement.execute(insert.formatted("'2026-01-01T00:00Z'", "'2026-01-20T00:00Z'")))
                    .hasMessageContaining("infra_price_period_pk");
            assertThatThrownBy(() -> statement.execute(insert.formatted("'2026-03-01T00:00Z'", "'2026-03-01T00:00Z'")))
                    .hasMessageContaining("infra_price_period_order");
            // the open period is the price's infra_price row
            assertThatThrownBy(() -> statement.execute(insert.formatted("'2026-02-01T00:00Z'", "null")))
                    .hasMessageContaining("valid_to");
        }
    }

    @Test
    void shouldKeepEveryPeriodWhenUpgradedFromVersion3() throws SQLException {
        // p1 changed once (closed period, open period at last_changed_at), p2 was retired (closed period only)
        Database db = atVersion("3", "upgrade_v3",
                V3_PRICE.formatted("p1", "'2026-02-01T00:00Z'", "null"),
                V3_PRICE.formatted("p2", "'2026-03-01T00:00Z'", "'2026-03-01T00:00Z'"),
                V3_PERIOD.formatted("p1", "'2026-01-01T00:00Z'", "'2026-02-01T00:00Z'"),
                V3_PERIOD.formatted("p1", "'2026-02-01T00:00Z'", "null").replace("'r1')", "'r2')"),
                V3_PERIOD.formatted("p2", "'2026-01-01T00:00Z'", "'2026-03-01T00:00Z'"));

        MigrationResult result = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password()).migrate();

        assertThat(result.currentVersion()).isEqualTo("5");
        try (Connection connection = db.connect()) {
            assertThat(strings(connection, "SELECT price_id || ' ' || valid_from::date || ' ' || coalesce(valid_to::date::text, '-')"
                    + " || ' ' || run_id || ' ' || price FROM api_price.infra_price_history ORDER BY price_id, valid_from"))
                    .containsExactly("p1 2026-01-01 2026-02-01 r1 1.500000000000", "p1 2026-02-01 - r2 1.500000000000",
                            "p2 2026-01-01 2026-03-01 r1 1.500000000000");
            // only closed periods are stored; the open one is read from infra_price, with the run that opened it
            assertThat(strings(connection, "SELECT count(*) FROM api_price.infra_price_period")).containsExactly("2");
            assertThat(strings(connection, "SELECT last_changed_run_id FROM api_price.infra_price WHERE price_id = 'p1'"))
                    .containsExactly("r2");
        }
    }

    @Test
    void shouldRefuseToUpgradeAHistoryWhoseOpenPeriodDoesNotStartAtTheLastChange() throws SQLException {
        Database db = atVersion("3", "upgrade_v3_broken",
                // the open period starts before last_changed_at: V4's sink would not find it to close it
                V3_PRICE.formatted("p1", "'2026-02-01T00:00Z'", "null"),
                V3_PERIOD.formatted("p1", "'2026-01-01T00:00Z'", "null"),
                // a retired price with an open period
                V3_PRICE.formatted("p2", "'2026-03-01T00:00Z'", "'2026-03-01T00:00Z'"),
                V3_PERIOD.formatted("p2", "'2026-01-01T00:00Z'", "null"));
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(PriceSchemaException.class)
                .hasMessageContaining("2 price(s) whose open period does not start at infra_price.last_changed_at");
        assertThat(migrator.status().currentVersion()).isEqualTo("3");
    }

    private static final String V3_PRICE = "INSERT INTO api_price.infra_price (cloud_provider, price_id, sku_id, region,"
            + " service, start_usage_amount, unit, unit_published, unit_multiplier, price, currency, purchase_option,"
            + " first_seen_at, last_changed_at, observed_at, retired_at, run_id) VALUES ('aws', '%1$s', 's1', 'us-east-1',"
            + " 'AmazonEC2', 0, 'hours', 'Hrs', 1, 1.5, 'USD', 'ON_DEMAND', '2026-01-01T00:00Z', %2$s, %2$s, %3$s, 'r1')";
    private static final String V3_PERIOD = "INSERT INTO api_price.infra_price_history (cloud_provider, price_id, sku_id,"
            + " region, service, start_usage_amount, unit, price, currency, purchase_option, valid_from, valid_to, run_id)"
            + " VALUES ('aws', '%s', 's1', 'us-east-1', 'AmazonEC2', 0, 'hours', 1.5, 'USD', 'ON_DEMAND', %s, %s, 'r1')";

    @Test
    void shouldRefuseToUpgradeAHistoryWhoseOpenPeriodDiffersFromTheCurrentRow() throws SQLException {
        Database db = atVersion("4", "upgrade_v4_broken",
                // the open period shows another price than infra_price: a view cannot show both
                V3_PRICE.formatted("p1", "'2026-02-01T00:00Z'", "null"),
                V3_PERIOD.formatted("p1", "'2026-02-01T00:00Z'", "null").replace(" 1.5, 'USD'", " 1.4, 'USD'"),
                V3_PRICE.formatted("p2", "'2026-02-01T00:00Z'", "null"),
                V3_PERIOD.formatted("p2", "'2026-02-01T00:00Z'", "null"));
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(PriceSchemaException.class)
                .hasMessageContaining("1 price(s) whose open period differs from their infra_price row");
        assertThat(migrator.status().currentVersion()).isEqualTo("4");
    }

    /** A new database migrated up to {@code version} only, holding what {@code statements} write. */
    private static Database atVersion(String version, String name, String... statements) throws SQLException {
        Database db = TestDatabases.create(name);
        Flyway.configure(PriceSchemaMigrator.class.getClassLoader())
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .schemas(PriceSchemaMigrator.SCHEMA)
                .defaultSchema(PriceSchemaMigrator.SCHEMA)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return db;
    }

    @Test
    void shouldFailValidationNamingTheMigrationWhenAnAppliedMigrationWasChanged() throws SQLException {
        Database db = TestDatabases.create("tampered_checksum");
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());
        migrator.migrate();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE api_price.flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }

        assertThatThrownBy(migrator::validate)
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("does not match the migrations")
                .hasMessageContaining("V1")
                .hasMessageContaining("checksum");
    }

    @Test
    void shouldFailValidationNamingTheColumnWhenAColumnWasDroppedByHand() throws SQLException {
        Database db = TestDatabases.create("tampered_column");
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(db.jdbcUrl(), db.user(), db.password());
        migrator.migrate();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE api_price.infra_price DROP COLUMN sku_name");
        }

        assertThatThrownBy(migrator::validate)
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("column api_price.infra_price.sku_name is missing");
    }

    @Test
    void shouldNameTheUrlWithoutPasswordWhenTheDatabaseIsUnreachable() {
        String url = "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2&password=secret";
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(url, "pricestream", "secret");

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(PriceSchemaException.class)
                .hasMessageContaining("Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("secret");
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
