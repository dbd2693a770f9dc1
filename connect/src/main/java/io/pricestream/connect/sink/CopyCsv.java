package io.pricestream.connect.sink;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fields of a row for PostgreSQL {@code COPY ... FROM STDIN (FORMAT csv)}, each followed by its separator:
 * an unquoted empty field is NULL, a quoted one is text with inner quotes doubled. Amounts are written in
 * plain notation, so {@code numeric} receives exactly the digits of the {@link BigDecimal}.
 *
 * <p>Shared by the sink's staging load and the benchmark's {@code COPY} limit, which must write the same bytes.
 */
public final class CopyCsv {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyCsv() {
    }

    public static void text(Appendable out, String value) throws IOException {
        quoted(out, value);
        out.append(',');
    }

    /** The row's last field: text, then the end of the row. */
    public static void textEndingRow(Appendable out, String value) throws IOException {
        quoted(out, value);
        out.append('\n');
    }

    public static void amount(Appendable out, BigDecimal value) throws IOException {
        if (value != null) {
            out.append(value.toPlainString());
        }
        out.append(',');
    }

    public static void time(Appendable out, Instant value) throws IOException {
        if (value != null) {
            out.append(value.toString());
        }
        out.append(',');
    }

    /** A price's attributes as the sink stores them in {@code jsonb}: one JSON object, keys sorted. */
    public static String attributesJson(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write attributes as JSON: " + e.getMessage(), e);
        }
    }

    private static void quoted(Appendable out, String value) throws IOException {
        if (value != null) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
