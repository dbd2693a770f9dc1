package io.pricestream.connect.schema;

/**
 * Where the database's price schema stands relative to the migrations of this build.
 *
 * @param currentVersion version applied in the database, or {@code null} when nothing is applied yet
 * @param latestVersion  newest version this build ships
 * @param pending        migrations this build would apply
 */
public record SchemaStatus(String currentVersion, String latestVersion, int pending) {

    public boolean upToDate() {
        return pending == 0 && currentVersion != null;
    }
}
