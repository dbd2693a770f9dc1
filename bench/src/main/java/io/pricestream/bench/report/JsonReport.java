package io.pricestream.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Renders a {@link RunReport} as JSON for tools: plain numbers (records, seconds, records/s, ratios), no formatting. */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(RunReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started_at", report.startedAt().toString());
        root.put("scenarios", report.scenarios());
        root.put("scale", report.scale());
        root.put("environment", report.environment().facts());
        List<Map<String, Object>> stages = report.stages().stream().map(stage -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", stage.stage());
            row.put("records", stage.records());
            row.put("seconds", stage.seconds());
            row.put("records_per_second", stage.recordsPerSecond());
            row.put("limit_stage", stage.limitStage());
            report.stages().stream().filter(s -> s.stage().equals(stage.limitStage())).findFirst().ifPresent(limit -> {
                row.put("limit_records_per_second", limit.recordsPerSecond());
                row.put("ratio_to_limit", Comparison.ratio(stage.recordsPerSecond(), limit.recordsPerSecond()));
            });
            row.put("method", stage.method());
            return row;
        }).toList();
        root.put("stages", stages);
        List<Map<String, Object>> comparisons = report.comparisons().stream().map(comparison -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", comparison.stage());
            row.put("against", comparison.against());
            row.put("ratio", comparison.ratio());
            row.put("goal", comparison.goal());
            row.put("met", comparison.goal() == null ? null : comparison.met());
            return row;
        }).toList();
        root.put("comparisons", comparisons);
        root.put("notes", report.notes());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render the run report as JSON: " + e.getMessage(), e);
        }
    }
}
