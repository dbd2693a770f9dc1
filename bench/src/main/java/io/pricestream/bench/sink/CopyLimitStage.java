package io.pricestream.bench.sink;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.pricestream.bench.data.PriceCopyFile;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database limit: {@code COPY FROM STDIN} (binary, PgJDBC {@code CopyManager}) of the same rows into an
 * empty table equal to {@code api_price.infra_price} ({@code LIKE ... INCLUDING ALL}: same columns, collations,
 * primary key, indexes, checks). The rows are the sink's own for a price it has never stored, written to a file
 * before the window opens.
 */
public final class CopyLimitStage {

    private static final Logger LOG = LoggerFactory.getLogger(CopyLimitStage.class);
    public static final String NAME = "copy-limit";
    static final String TABLE = "bench_copy.infra_price";

    private final BenchDatabase database;

    public CopyLimitStage(BenchDatabase database) {
        this.database = database;
    }

    /**
     * Creates the target table and warms the WAL ({@link BenchDatabase#warmWal}), noting how much in
     * {@code report}: this is the first stage to write to the database in a run. Needs the price schema migrated.
     */
    public void prepare(RunReport.Builder report) {
        database.execute("CREATE SCHEMA IF NOT EXISTS bench_copy");
        database.execute("DROP TABLE IF EXISTS " + TABLE);
        database.execute("CREATE TABLE " + TABLE + " (LIKE api_price.infra_price INCLUDING ALL)");
        long warmed = database.warmWal();
        report.note(NAME + ": before the first stage the database wrote and recycled " + (warmed >> 20)
                + " MiB of WAL (a new cluster has no WAL segments to recycle; the first stage to write would pay for creating them)");
    }

    public StageResult run(Path rowsFile, long expectedRows) {
        database.checkpoint();
        String sql = "COPY " + TABLE + " (" + PriceCopyFile.COLUMNS + ") FROM STDIN WITH (FORMAT binary)";
        long rows;
        long started;
        long finished;
        try (Connection connection = database.connect();
             InputStream in = new BufferedInputStream(Files.newInputStream(rowsFile), 1 << 16)) {
            started = System.nanoTime();
            rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
            finished = System.nanoTime();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into " + TABLE + " failed: " + e.getMessage(), e);
        }
        if (rows != expectedRows) {
            throw new IllegalStateException("COPY into " + TABLE + " loaded " + rows + " rows, expected " + expectedRows);
        }
        LOG.info("COPY loaded {} rows in {} ms", rows, Duration.ofNanos(finished - started).toMillis());
        return StageResult.limit(NAME, rows, Duration.ofNanos(finished - started),
                "one COPY FROM STDIN (binary, autocommit) of a pre-written file of the sink's first-observation rows into an "
                        + "empty table LIKE api_price.infra_price INCLUDING ALL; window = the copyIn call");
    }
}
