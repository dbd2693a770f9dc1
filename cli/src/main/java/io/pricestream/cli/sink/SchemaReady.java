package io.pricestream.cli.sink;

import io.pricestream.connect.schema.PriceSchemaException;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.connect.schema.SchemaMismatchException;
import io.pricestream.connect.schema.SchemaStatus;

/**
 * Refuses to start a component on a price schema the migrations of this build do not describe, telling the
 * operator the one command that fixes the usual cause ({@code pricestream db migrate}).
 */
public final class SchemaReady {

    private SchemaReady() {
    }

    /**
     * @throws PriceSchemaException naming the database, what is wrong and the fix; an unreachable database
     *                              surfaces as the migrator's own "Cannot reach PostgreSQL" exception
     */
    public static void check(String jdbcUrl, String user, String password, String component) {
        PriceSchemaMigrator migrator = new PriceSchemaMigrator(jdbcUrl, user, password);
        try {
            migrator.validate();
        } catch (SchemaMismatchException e) {
            SchemaStatus status = migrator.status();
            String what = status.currentVersion() == null
                    ? "has no price schema yet"
                    : status.pending() > 0
                    ? "is at version " + status.currentVersion() + " but this build ships " + status.latestVersion()
                            + " (" + status.pending() + " pending)"
                    : "does not match the migrations: " + String.join("; ", e.problems());
            throw new PriceSchemaException("Cannot start " + component + ": " + PriceSchemaMigrator.maskedUrl(jdbcUrl) + " " + what
                    + "; run `pricestream db migrate` first", e);
        }
    }
}
