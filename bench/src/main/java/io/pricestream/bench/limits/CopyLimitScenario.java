package io.pricestream.bench.limits;

import java.io.IOException;
import java.nio.file.Path;

import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.sink.CopyLimitStage;
import io.pricestream.bench.sink.SinkScenario;
import io.pricestream.connect.schema.PriceSchemaMigrator;

/** Issue 8 database limit on its own: the {@code copy-limit} stage of the {@code sink} scenario without the sinks. */
public final class CopyLimitScenario implements Scenario {

    public static final String NAME = "copy-limit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) throws IOException {
        if (report.has(CopyLimitStage.NAME)) {
            report.note("copy-limit: already measured by the sink scenario of this run; not repeated");
            return;
        }
        var database = context.database();
        new PriceSchemaMigrator(database.url(), database.user(), database.password()).migrate();
        Path rows = SinkScenario.writeCopyFile(context);
        CopyLimitStage copy = new CopyLimitStage(database);
        copy.prepare(report);
        report.stage(copy.run(rows, context.options().scale()));
        java.nio.file.Files.deleteIfExists(rows);
    }
}
