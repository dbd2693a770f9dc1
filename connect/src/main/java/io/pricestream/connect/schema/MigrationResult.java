package io.pricestream.connect.schema;

/**
 * Outcome of {@link PriceSchemaMigrator#migrate()}.
 *
 * @param migrationsApplied how many migrations this call applied (0 when the schema was already current)
 * @param currentVersion    the schema version after the call, e.g. {@code "2"}
 */
public record MigrationResult(int migrationsApplied, String currentVersion) {
}
