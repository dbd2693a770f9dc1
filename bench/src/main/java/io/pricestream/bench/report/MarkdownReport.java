package io.pricestream.bench.report;

import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunReport} as the Markdown that goes into the Performance section of README.md. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## Run of ").append(report.startedAt()).append(" — ").append(String.join(", ", report.scenarios()))
                .append(" at scale ").append(report.scale()).append("\n\n");
        out.append("| fact | value |\n| --- | --- |\n");
        for (Map.Entry<String, String> fact : report.environment().facts().entrySet()) {
            out.append("| ").append(cell(fact.getKey())).append(" | ").append(cell(fact.getValue())).append(" |\n");
        }
        out.append("\n| stage | records | seconds | records/s | limit | limit records/s | ours/limit |\n")
                .append("| --- | ---: | ---: | ---: | --- | ---: | ---: |\n");
        for (StageResult stage : report.stages()) {
            out.append("| ").append(stage.stage())
                    .append(" | ").append(stage.records())
                    .append(" | ").append(fixed(stage.seconds(), 2))
                    .append(" | ").append(whole(stage.recordsPerSecond()));
            StageResult limit = stage.limitStage() == null ? null : report.stages().stream()
                    .filter(s -> s.stage().equals(stage.limitStage())).findFirst().orElse(null);
            if (limit == null) {
                out.append(" | (is a limit) | | |\n");
            } else {
                out.append(" | ").append(limit.stage())
                        .append(" | ").append(whole(limit.recordsPerSecond()))
                        .append(" | ").append(fixed(Comparison.ratio(stage.recordsPerSecond(), limit.recordsPerSecond()), 2))
                        .append(" |\n");
            }
        }
        out.append("\n| ratio | value | goal | met |\n| --- | ---: | ---: | --- |\n");
        for (Comparison comparison : report.comparisons()) {
            out.append("| ").append(comparison.stage()).append(" / ").append(comparison.against())
                    .append(" | ").append(fixed(comparison.ratio(), 2))
                    .append(" | ").append(comparison.goal() == null ? "" : "≥ " + fixed(comparison.goal(), 2))
                    .append(" | ").append(comparison.goal() == null ? "" : comparison.met() ? "yes" : "no")
                    .append(" |\n");
        }
        out.append("\nHow each stage was measured:\n\n");
        for (StageResult stage : report.stages()) {
            out.append("- `").append(stage.stage()).append("`: ").append(stage.method()).append('\n');
        }
        if (!report.notes().isEmpty()) {
            out.append("\nNotes:\n\n");
            report.notes().forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    static String whole(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
