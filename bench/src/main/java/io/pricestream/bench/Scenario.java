package io.pricestream.bench;

import io.pricestream.bench.report.RunReport;

/** One benchmark scenario: measures its stages on the run's stack and adds them to the report. */
public interface Scenario {

    /** The name given on the command line, e.g. {@code sink}. */
    String name();

    void run(BenchContext context, RunReport.Builder report) throws Exception;
}
