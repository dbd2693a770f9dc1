package io.pricestream.connect.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the Postgres price schema {@value #SCHEMA} with the Flyway migrations under
 * {@code db/migration}, and checks at start-up that the database holds exactly what they describe.
 *
 * <p>{@link #migrate()} is idempotent: on a current schema it applies nothing. {@link #validate()}
 * fails with a {@link SchemaMismatchException} listing every difference (changed or missing migration,
 * pending migration, missing table or column). An unreachable database raises a
 * {@link PriceSchemaException} naming the JDBC URL without credentials.
 */
public final class PriceSchemaMigrator {

    /** The schema that holds the price tables, the sink offsets and Flyway's own history table. */
    public static final String SCHEMA = "api_price";

    private static final Logger LOG = LoggerFactory.getLogger(PriceSchemaMigrator.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Flyway flyway;

    public PriceSchemaMigrator(String jdbcUrl, String user, String password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user;
        this.password = password;
        this.flyway = Flyway.configure(PriceSchemaMigrator.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                // Our migrations are the only writers of this schema; never drop it from code.
                .cleanDisabled(true)
                .load();
    }

    /** Applies every pending migration. Running it again on a current schema applies nothing. */
    public MigrationResult migrate() {
        MigrateResult result = flywayCall("migrate", flyway::migrate);
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : status().currentVersion();
        if (result.migrationsExecuted > 0) {
            LOG.info("Migrated price schema '{}' in '{}' to version '{}' ({} migrations applied)",
                    SCHEMA, maskedUrl(jdbcUrl), version, result.migrationsExecuted);
        } else {
            LOG.info("Price schema '{}' in '{}' is current at version '{}'", SCHEMA, maskedUrl(jdbcUrl), version);
        }
        return new MigrationResult(result.migrationsExecuted, version);
    }

    /**
     * Fails unless the database holds exactly the schema these migrations produce.
     *
     * @throws SchemaMismatchException listing every problem found
     */
    public void validate() {
        List<String> problems = new ArrayList<>();
        ValidateResult result = flywayCall("validate", flyway::validateWithResult);
        if (!result.validationSuccessful) {
            for (ValidateOutput invalid : result.invalidMigrations) {
                String message = invalid.errorDetails != null ? invalid.errorDetails.errorMessage : "invalid";
                problems.add("migration " + (invalid.version == null || invalid.version.isEmpty() ? invalid.description : "V" + invalid.version)
                        + ": " + message);
            }
            if (problems.isEmpty() && result.errorDetails != null) {
                problems.add(result.errorDetails.errorMessage);
            }
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            problems.addAll(PriceSchemaLayout.missing(connection, SCHEMA));
        } catch (SQLException e) {
            throw unreachable(e);
        }
        if (!problems.isEmpty()) {
            throw new SchemaMismatchException(maskedUrl(jdbcUrl), problems);
        }
    }

    /** The applied version and the number of pending migrations, without changing anything. */
    public SchemaStatus status() {
        MigrationInfoService info = flywayCall("info", flyway::info);
        MigrationInfo current = info.current();
        MigrationInfo[] all = info.all();
        String latest = Arrays.stream(all).filter(m -> m.getVersion() != null)
                .map(m -> m.getVersion().getVersion()).reduce((first, second) -> second).orElse(null);
        return new SchemaStatus(current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                latest, info.pending().length);
    }

    /** The JDBC URL with any {@code password=} parameter blanked, safe for logs and error messages. */
    public static String maskedUrl(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private <T> T flywayCall(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (FlywayException e) {
            SQLException sql = sqlCause(e);
            if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                throw unreachable(sql);
            }
            if (sql != null && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().contains("onnection")) {
                throw unreachable(sql);
            }
            throw new PriceSchemaException("Flyway " + operation + " of price schema '" + SCHEMA + "' in "
                    + maskedUrl(jdbcUrl) + " failed: " + e.getMessage(), e);
        }
    }

    private PriceSchemaException unreachable(SQLException cause) {
        return new PriceSchemaException("Cannot reach PostgreSQL at " + maskedUrl(jdbcUrl)
                + (user == null ? "" : " as user '" + user + "'") + ": " + cause.getMessage(), cause);
    }

    private static SQLException sqlCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
