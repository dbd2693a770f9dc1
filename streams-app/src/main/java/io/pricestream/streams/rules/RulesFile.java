package io.pricestream.streams.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.avro.PurchaseOption;

/**
 * Loads a relevance rules file (YAML) and compiles it into {@link RelevanceRules}.
 *
 * <p>Every problem is a {@link RulesFileException} naming the file, the line and the rule
 * ({@code include[2]}): unknown keys, bad regexes, empty conditions, unknown CSPs or purchase options,
 * rules without a name or with a duplicate one.
 */
public final class RulesFile {

    /** Classpath resource of the bundled default rules. */
    public static final String DEFAULT_RULES_RESOURCE = "/io/pricestream/streams/default-rules.yaml";

    /** The only format version so far. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addHandler(new UnknownFieldHandler());

    private static final Set<String> PURCHASE_OPTIONS = EnumSet.allOf(PurchaseOption.class).stream()
            .map(option -> option.name().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private RulesFile() {
    }

    /** Loads and compiles the rules file at {@code path}. */
    public static RelevanceRules load(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), reader);
        } catch (NoSuchFileException e) {
            throw new RulesFileException(path.toString(), -1, -1, "", "file not found", e);
        } catch (IOException e) {
            throw new RulesFileException(path.toString(), -1, -1, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /** The rules bundled with the app (a managed PostgreSQL product's footprint on the three CSPs). */
    public static RelevanceRules bundledDefaults() {
        try (InputStream in = RulesFile.class.getResourceAsStream(DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled rules " + DEFAULT_RULES_RESOURCE + " missing from the classpath");
            }
            return parse("classpath:" + DEFAULT_RULES_RESOURCE, new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses rules from {@code reader}; {@code source} names the input in error messages. */
    public static RelevanceRules parse(String source, Reader reader) {
        String text;
        try {
            text = new BufferedReader(reader).lines().collect(Collectors.joining("\n"));
        } catch (UncheckedIOException e) {
            throw new RulesFileException(source, -1, -1, "", "cannot read: " + e.getCause().getMessage(), e);
        }
        if (text.isBlank()) {
            throw new RulesFileException(source, -1, -1, "", "empty rules file: expected 'version', 'include' and optionally 'exclude'", null);
        }
        RulesFileLocations locations = RulesFileLocations.scan(text);
        RulesDocument document;
        try {
            document = YAML.readValue(text, RulesDocument.class);
        } catch (JsonMappingException e) {
            String path = path(e.getPath());
            if (e instanceof UnknownFieldHandler.UnknownFieldException unknown) {
                path = path.isEmpty() ? unknown.field() : path + "." + unknown.field();
            }
            throw problem(source, locations, path, rootMessage(e), e);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            throw new RulesFileException(source, location == null ? -1 : location.getLineNr(), location == null ? -1 : location.getColumnNr(),
                    "", "not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (document == null) {
            throw new RulesFileException(source, -1, -1, "", "empty rules file: expected 'version', 'include' and optionally 'exclude'", null);
        }
        Compiler compiler = new Compiler(source, locations);
        if (document.version() != null && document.version() != FORMAT_VERSION) {
            throw problem(source, locations, "version", "unsupported version " + document.version()
                    + "; this build reads version " + FORMAT_VERSION, null);
        }
        if (document.include() == null || document.include().isEmpty()) {
            throw problem(source, locations, "include", "no include rules: nothing would be relevant", null);
        }
        List<Rule> include = compiler.compile("include", document.include(), Rule.Action.INCLUDE);
        List<Rule> exclude = document.exclude() == null ? List.of() : compiler.compile("exclude", document.exclude(), Rule.Action.EXCLUDE);
        return new RelevanceRules(source, include, exclude);
    }

    /** Turns rule specs into rules, checking what a single rule cannot check alone (unique names) and known values. */
    private record Compiler(String source, RulesFileLocations locations, Set<String> names) {

        Compiler(String source, RulesFileLocations locations) {
            this(source, locations, new HashSet<>());
        }

        List<Rule> compile(String list, List<RuleSpec> specs, Rule.Action action) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                RuleSpec spec = specs.get(i);
                String where = list + "[" + i + "]";
                if (spec == null) {
                    throw problem(where, "empty rule");
                }
                if (!names.add(spec.name())) {
                    throw problem(where, "duplicate rule name '" + spec.name() + "'");
                }
                rules.add(compile(where, spec, action));
            }
            return List.copyOf(rules);
        }

        private Rule compile(String where, RuleSpec spec, Rule.Action action) {
            List<Map.Entry<PriceField, ValueMatcher>> fields = new ArrayList<>();
            for (PriceField field : PriceField.values()) {
                ValueMatcher matcher = spec.field(field);
                if (matcher != null) {
                    fields.add(Map.entry(field, matcher));
                }
            }
            Set<String> csps = Set.of();
            if (spec.csp() instanceof ValueMatcher.AnyOf anyOf) {
                checkKnown(where + ".csp", anyOf, Set.copyOf(Topics.CSPS), "CSP");
                csps = anyOf.lowerCased();
            }
            if (spec.purchaseOption() instanceof ValueMatcher.AnyOf anyOf) {
                checkKnown(where + ".purchase_option", anyOf, PURCHASE_OPTIONS, "purchase option");
            }
            List<Map.Entry<String, ValueMatcher>> attributes = new ArrayList<>();
            if (spec.attributes() != null) {
                spec.attributes().forEach((name, matcher) -> attributes.add(Map.entry(name, matcher)));
            }
            if (fields.isEmpty() && attributes.isEmpty()) {
                throw problem(where, "rule '" + spec.name()
                        + "' has no conditions; to match everything say so explicitly, e.g. csp: [aws, azure, gcp]");
            }
            return new Rule(spec.name(), action, csps, fields, attributes);
        }

        private void checkKnown(String where, ValueMatcher.AnyOf anyOf, Set<String> known, String what) {
            for (String value : anyOf.lowerCased()) {
                if (!known.contains(value)) {
                    throw problem(where, "unknown " + what + " '" + value + "'; expected one of " + known.stream().sorted().toList());
                }
            }
        }

        private RulesFileException problem(String where, String message) {
            return RulesFile.problem(source, locations, where, message, null);
        }
    }

    private static RulesFileException problem(String source, RulesFileLocations locations, String path, String message, Throwable cause) {
        JsonLocation location = locations.find(path);
        return new RulesFileException(source, location == null ? -1 : location.getLineNr(), location == null ? -1 : location.getColumnNr(),
                path, message, cause);
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /** The message of the deepest cause: the one a rule author can act on (e.g. "rule without a name"). */
    private static String rootMessage(JsonMappingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException processing) {
            return processing.getOriginalMessage();
        }
        return cause.getMessage() == null ? e.getOriginalMessage() : cause.getMessage();
    }
}
