package io.pricestream.cli.pipeline;

import java.util.List;
import java.util.Locale;

/**
 * What one scrape cycle did, per CSP: the run's verdict and prices published, the database rows the run
 * wrote (new, changed, retired) and the change events published for that CSP.
 */
public record CycleSummary(int cycle, List<Csp> csps, boolean caughtUp) {

    /** One CSP's line. {@code verdict} is the run verdict, or {@code ERROR} when the run did not finish. */
    public record Csp(String csp, String runId, String verdict, long records, long rowsWritten, long events, String detail,
                      boolean failed) {
    }

    public CycleSummary {
        csps = List.copyOf(csps);
    }

    /** True when a run failed or did not pass its gates, or the components did not catch up. */
    public boolean failed() {
        return !caughtUp || csps.stream().anyMatch(Csp::failed);
    }

    /** A readable table, one line per CSP. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Scrape cycle %d%s%n", cycle, caughtUp ? "" : " (components still processing)"));
        out.append(String.format(Locale.ROOT, "  %-6s %-8s %10s %12s %8s  %s%n", "csp", "verdict", "records", "rows written", "events", "run"));
        for (Csp csp : csps) {
            out.append(String.format(Locale.ROOT, "  %-6s %-8s %10d %12d %8d  %s%s%n", csp.csp(), csp.verdict(), csp.records(),
                    csp.rowsWritten(), csp.events(), csp.runId() == null ? "-" : csp.runId(),
                    csp.detail() == null || csp.detail().isEmpty() ? "" : " — " + csp.detail()));
        }
        return out.toString();
    }
}
