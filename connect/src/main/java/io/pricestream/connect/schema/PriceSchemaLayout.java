package io.pricestream.connect.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables and columns the sink reads and writes, checked against the live catalogue.
 *
 * <p>Flyway's validation compares checksums of applied migration files; it cannot see a column that
 * somebody dropped by hand. This check closes that gap so a tampered schema fails at start-up with the
 * missing names instead of failing later in the middle of a batch.
 */
final class PriceSchemaLayout {

    static final Map<String, List<String>> REQUIRED = requiredColumns();

    private PriceSchemaLayout() {
    }

    private static Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("infra_price", List.of("cloud_provider", "price_id", "sku_id", "region", "sku_name", "service",
                "service_name", "product_family", "start_usage_amount", "end_usage_amount", "unit", "unit_published",
                "unit_multiplier", "price", "currency", "purchase_option", "term", "attributes", "effective_from",
                "first_seen_at", "last_changed_at", "observed_at", "retired_at", "run_id", "source_version",
                "last_changed_run_id"));
        List<String> period = List.of("cloud_provider", "price_id", "sku_id", "region", "service", "start_usage_amount",
                "end_usage_amount", "unit", "price", "currency", "purchase_option", "term", "effective_from", "valid_from",
                "valid_to", "run_id");
        tables.put("infra_price_period", period);
        // a view since V5; information_schema.columns lists views too
        tables.put("infra_price_history", period);
        tables.put("sink_offsets", List.of("consumer_group", "topic", "kafka_partition", "next_offset", "updated_at"));
        return tables;
    }

    /** Every required table or column absent from {@code schema}, as {@code schema.table} or {@code schema.table.column}. */
    static List<String> missing(Connection connection, String schema) throws SQLException {
        Map<String, Set<String>> present = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?")) {
            query.setString(1, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    present.computeIfAbsent(rows.getString(1), table -> new HashSet<>()).add(rows.getString(2));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        REQUIRED.forEach((table, columns) -> {
            Set<String> found = present.get(table);
            if (found == null) {
                problems.add("table " + schema + "." + table + " is missing");
                return;
            }
            columns.stream().filter(column -> !found.contains(column))
                    .forEach(column -> problems.add("column " + schema + "." + table + "." + column + " is missing"));
        });
        return problems;
    }
}
