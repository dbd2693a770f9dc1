package io.pricestream.cli.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code pricestream.yaml} into the flat, dotted keys the components declare.
 *
 * <p>Nested maps become dotted keys ({@code local: {data: {dir: x}}} → {@code local.data.dir=x}), and a
 * key may also be written dotted in one piece ({@code local.data.dir: x}), so the file can follow the
 * key names of the README as they are. A list of scalars becomes a comma-joined value, the form Kafka's
 * {@code ConfigDef} parses for LIST keys. A null value means "not set".
 */
public final class YamlConfigFile {

    private static final YAMLMapper YAML = new YAMLMapper();

    private YamlConfigFile() {
    }

    /** The file's settings as dotted keys, in file order; a problem names the file and what is wrong. */
    public static Map<String, String> read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.newBufferedReader(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file '" + file + "' does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("Config file '" + file + "' is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file '" + file + "': " + e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new ConfigException("Config file '" + file + "' must hold a map of keys to values, not a "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> problems = new ArrayList<>();
        flatten("", root, flat, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException("Config file '" + file + "': " + String.join("; ", problems));
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key + ".", value, out, problems);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (item.isContainerNode()) {
                        problems.add(key + ": a list may hold only plain values");
                        return;
                    }
                    items.add(item.asText());
                }
                out.put(key, String.join(",", items));
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }
}
