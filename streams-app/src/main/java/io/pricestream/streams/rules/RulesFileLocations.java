package io.pricestream.streams.rules;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where each element of a rules file starts, by its path ({@code include[2]}, {@code include[2].attributes.vcpu}),
 * found with one streaming pass over the YAML tokens; used to put a line number on every error, also on
 * those found after parsing (duplicate names, unknown CSPs).
 */
final class RulesFileLocations {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, JsonLocation> byPath;

    private RulesFileLocations(Map<String, JsonLocation> byPath) {
        this.byPath = byPath;
    }

    /** Scans {@code text}; a syntax error simply ends the scan (the parser reports it properly). */
    static RulesFileLocations scan(String text) {
        Map<String, JsonLocation> byPath = new HashMap<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> arrayIndexes = new ArrayDeque<>();
        try (JsonParser parser = YAML.createParser(text)) {
            String pending = "";
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        String parent = paths.isEmpty() ? "" : paths.peek();
                        pending = parent.isEmpty() ? parser.currentName() : parent + "." + parser.currentName();
                        byPath.putIfAbsent(pending, parser.currentTokenLocation());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String path = elementPath(paths, arrayIndexes, pending, parser.currentTokenLocation(), byPath);
                        paths.push(path);
                        arrayIndexes.push(token == JsonToken.START_ARRAY ? new int[] {0} : new int[] {-1});
                    }
                    case END_OBJECT, END_ARRAY -> {
                        paths.pop();
                        arrayIndexes.pop();
                    }
                    default -> elementPath(paths, arrayIndexes, pending, parser.currentTokenLocation(), byPath);
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep what was found so far
        }
        return new RulesFileLocations(byPath);
    }

    /** The path of the value starting now: the pending field's, or the next index of the enclosing list. */
    private static String elementPath(Deque<String> paths, Deque<int[]> arrayIndexes, String pending, JsonLocation location,
                                      Map<String, JsonLocation> byPath) {
        if (!arrayIndexes.isEmpty() && arrayIndexes.peek()[0] >= 0) {
            String path = paths.peek() + "[" + arrayIndexes.peek()[0]++ + "]";
            byPath.putIfAbsent(path, location);
            return path;
        }
        return pending;
    }

    /** The location of {@code path}, or of its nearest enclosing element that has one; null when none does. */
    JsonLocation find(String path) {
        String candidate = path;
        while (candidate != null && !candidate.isEmpty()) {
            JsonLocation location = byPath.get(candidate);
            if (location != null) {
                return location;
            }
            int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
            candidate = cut > 0 ? candidate.substring(0, cut) : null;
        }
        return null;
    }
}
