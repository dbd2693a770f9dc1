package io.pricestream.cli.status;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Renders a {@link StatusReport} as readable tables or as JSON (field names as in the report records). */
public final class StatusFormatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatusFormatter() {
    }

    public static String json(StatusReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the status as JSON: " + e.getMessage(), e);
        }
    }

    public static String table(StatusReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Last runs\n");
        if (report.lastRuns().isEmpty()) {
            out.append("  none yet\n");
        } else {
            out.append(String.format(Locale.ROOT, "  %-6s %-8s %10s %9s %8s  %-24s  %s%n", "csp", "verdict", "records", "rejected", "skipped",
                    "finished", "run"));
            report.lastRuns().forEach(run -> out.append(String.format(Locale.ROOT, "  %-6s %-8s %10d %9d %8d  %-24s  %s%s%n", run.csp(),
                    run.verdict(), run.recordsPublished(), run.recordsRejected(), run.skippedSources(), run.finishedAt(), run.runId(),
                    run.reasons().isEmpty() ? "" : " — " + String.join("; ", run.reasons()))));
        }
        out.append("Consumer lag (offsets)\n");
        report.lag().forEach(lag -> out.append(String.format(Locale.ROOT, "  %-8s %-28s %8d  %s%n", lag.component(), lag.group(), lag.lag(),
                String.join(",", lag.topics()))));
        StatusReport.Cdc cdc = report.cdc();
        out.append(String.format(Locale.ROOT, "  %-8s %-28s %s%n", "cdc", "slot " + cdc.slot(), !cdc.exists() ? "slot does not exist"
                : (cdc.active() ? "active" : "inactive") + ", " + cdc.walBehindBytes() + " WAL bytes behind"));
        out.append("Database (api_price)\n");
        if (report.database().isEmpty()) {
            out.append("  no prices yet\n");
        } else {
            out.append(String.format(Locale.ROOT, "  %-6s %10s %10s %16s%n", "csp", "active", "retired", "history periods"));
            report.database().forEach(db -> out.append(String.format(Locale.ROOT, "  %-6s %10d %10d %16d%n", db.csp(), db.activeRows(),
                    db.retiredRows(), db.historyPeriods())));
        }
        out.append(String.format(Locale.ROOT, "Change events published: %d%n", report.eventsPublished()));
        return out.toString();
    }
}
