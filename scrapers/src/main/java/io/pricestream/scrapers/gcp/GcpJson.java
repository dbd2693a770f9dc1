package io.pricestream.scrapers.gcp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

import io.pricestream.scrapers.json.JsonScalars;

/**
 * The Jackson streaming plumbing both Catalog parsers share: open a page, walk an object's members by name
 * (member order differs between API generations, so nothing depends on it), read scalars exactly, and turn
 * every syntax problem into a {@link GcpPageException} naming the page.
 */
final class GcpJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private GcpJson() {
    }

    /** Receives one member of an object; the parser stands on the member's value. */
    @FunctionalInterface
    interface Members {
        void member(String name, JsonParser json) throws IOException;
    }

    /** Builds the exception for a problem at a position (page, SKU index). */
    @FunctionalInterface
    interface Where extends JsonScalars.Position {
        @Override
        GcpPageException problem(String what);
    }

    /** Reads a page's top-level object, member by member; a Google error body ({@code "error": {...}}) fails. */
    static void readPage(InputStream body, String source, Members topLevel) throws IOException {
        try (JsonParser json = JSON.createParser(body)) {
            JsonToken first;
            try {
                first = json.nextToken();
            } catch (JsonProcessingException e) {
                String hint = e.getOriginalMessage() != null && e.getOriginalMessage().contains("'<'")
                        ? " (looks like an HTML page)" : "";
                throw new GcpPageException("GCP page '" + source + "' is not JSON" + hint + ": " + e.getOriginalMessage(), e);
            }
            if (first == null) {
                throw new GcpPageException("GCP page '" + source + "' is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new GcpPageException("GCP page '" + source + "' is not a JSON object (starts with " + first + ")");
            }
            readObject(json, (name, value) -> {
                if (name.equals("error")) {
                    throw new GcpPageException("GCP page '" + source + "' is an error response: " + errorText(value));
                }
                topLevel.member(name, value);
            });
        } catch (JsonProcessingException e) {
            if (endedEarly(e)) {
                throw new GcpPageException("GCP page '" + source + "' is truncated: " + e.getOriginalMessage(), e);
            }
            throw new GcpPageException("GCP page '" + source + "' is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Walks the members of the object the parser stands on ({@code START_OBJECT}); unread values are skipped. */
    static void readObject(JsonParser json, Members members) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            members.member(name, json);
            if (json.currentToken() == value && value.isStructStart()) {
                json.skipChildren();
            }
        }
    }

    static void expect(JsonParser json, JsonToken expected, String field, Where where) throws IOException {
        if (json.currentToken() != expected) {
            throw where.problem("'" + field + "' is not " + (expected == JsonToken.START_ARRAY ? "an array" : "an object")
                    + " but " + json.currentToken());
        }
    }

    static String text(JsonParser json, String field, Where where) throws IOException {
        return JsonScalars.text(json, field, where);
    }

    static BigDecimal decimal(JsonParser json, String field, Where where) throws IOException {
        return JsonScalars.decimal(json, field, where);
    }

    /** Jackson reports a body that stops early either as {@link JsonEOFException} or as "Unexpected end-of-input". */
    private static boolean endedEarly(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || (e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input"));
    }

    private static String errorText(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            return json.currentToken().isStructStart() ? json.currentToken().toString() : json.getText();
        }
        StringBuilder text = new StringBuilder();
        readObject(json, (name, value) -> {
            if (!value.currentToken().isStructStart() && (name.equals("code") || name.equals("status") || name.equals("message"))) {
                text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value.getText());
            }
        });
        return text.toString();
    }
}
