package io.pricestream.cli.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Finds the name of the rule a {@code RulesFileException} path points into ({@code include[2].attributes.vcpu}
 * → the {@code name} of the third include rule), so an error can say which rule is broken by name as well as
 * by line.
 */
final class RuleNames {

    private static final Pattern RULE = Pattern.compile("^(include|exclude)\\[(\\d+)]");

    private RuleNames() {
    }

    /** The rule's name, if the path points into a rule that has one and the file is readable YAML. */
    static Optional<String> at(Path file, String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher rule = RULE.matcher(path);
        if (!rule.find()) {
            return Optional.empty();
        }
        try {
            JsonNode name = new ObjectMapper(new YAMLFactory()).readTree(file.toFile())
                    .path(rule.group(1)).path(Integer.parseInt(rule.group(2))).path("name");
            return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Unparseable YAML has no rules to name; the exception's own line and column say where.
            return Optional.empty();
        }
    }
}
