package io.pricestream.scrapers.json;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.pricestream.scrapers.http.MalformedBodyException;

/**
 * Reads the scalar a streaming parser stands on, exactly and with errors that say where: prices must never
 * pass through {@code double}, and a wrong type must name the field and the position in the page.
 * Shared by the per-CSP parsers, which each say how a position is named ({@link Position}).
 */
public final class JsonScalars {

    /** Builds the exception for a problem at one position of a page (page URL, item index). */
    @FunctionalInterface
    public interface Position {
        MalformedBodyException problem(String what);
    }

    private JsonScalars() {
    }

    /** The text of a scalar; null for JSON null; an object or array fails. */
    public static String text(JsonParser json, String field, Position where) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isStructStart()) {
            throw where.problem("'" + field + "' is not a scalar but " + token);
        }
        return json.getText();
    }

    /**
     * A number exactly as published; numeric strings are accepted (proto3 JSON writes int64 as strings).
     * NaN, infinities and other non-numbers fail naming the field.
     */
    public static BigDecimal decimal(JsonParser json, String field, Position where) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isNumeric()) {
            try {
                return json.getDecimalValue();
            } catch (NumberFormatException | ArithmeticException e) {
                throw where.problem("'" + field + "' is not a representable number: '" + json.getText() + "'");
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return new BigDecimal(json.getText().trim());
            } catch (NumberFormatException e) {
                throw where.problem("'" + field + "' is not a number: '" + json.getText() + "'");
            }
        }
        throw where.problem("'" + field + "' is not a number but " + token);
    }
}
