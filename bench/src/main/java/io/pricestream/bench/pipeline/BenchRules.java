package io.pricestream.bench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.pricestream.streams.rules.RulesFile;

/**
 * Which relevance rules the pipeline scenarios run with ({@code --rules}).
 *
 * <ul>
 *   <li>{@code product-regions} (default): the streams app's bundled rules — a managed PostgreSQL product's
 *       footprint — with one more exclude rule that keeps only the three regions per CSP such a product
 *       launches in first. Issue 8 sets the seed's relevant share at ~2.4 % (~120k of 5M prices); the bundled rules
 *       cover every region and keep ~17 % of csp-sim's catalogue.</li>
 *   <li>{@code default}: the bundled rules as they are.</li>
 *   <li>any other value: the path of a rules file.</li>
 * </ul>
 */
public final class BenchRules {

    public static final String PRODUCT_REGIONS = "product-regions";
    public static final String DEFAULT = "default";

    /**
     * US East, EU West and South-East Asia on AWS, Azure and GCP. Measured on csp-sim at 1M: five regions per CSP
     * kept 4.4 % of the raw prices, so three it is.
     */
    static final List<String> REGIONS = List.of(
            "us-east-1", "eu-west-1", "ap-southeast-1",
            "eastus", "westeurope", "southeastasia",
            "us-east1", "europe-west1", "asia-southeast1");

    static final String EXCLUDE_RULE = "bench-outside-product-regions";

    private BenchRules() {
    }

    /**
     * The {@code streams.rules.path} for {@code choice}, writing the {@code product-regions} file into {@code dir};
     * empty for the bundled rules.
     */
    public static Optional<Path> path(String choice, Path dir) {
        if (DEFAULT.equals(choice)) {
            return Optional.empty();
        }
        if (!PRODUCT_REGIONS.equals(choice)) {
            return Optional.of(Path.of(choice));
        }
        try {
            Path file = dir.resolve("product-regions-rules.yaml");
            Files.writeString(file, productRegions());
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's rules file into " + dir, e);
        }
    }

    /** The bundled rules plus an exclude rule for every region outside {@link #REGIONS}, as YAML. */
    static String productRegions() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode rules;
        try (InputStream in = RulesFile.class.getResourceAsStream(RulesFile.DEFAULT_RULES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled rules " + RulesFile.DEFAULT_RULES_RESOURCE + " missing from the classpath");
            }
            rules = (ObjectNode) yaml.readTree(in);
        }
        ArrayNode exclude = rules.has("exclude") ? (ArrayNode) rules.get("exclude") : rules.putArray("exclude");
        ObjectNode outside = exclude.addObject();
        outside.put("name", EXCLUDE_RULE);
        outside.put("description", "the benchmark's product runs in " + REGIONS.size() + " regions (issue 8: ~2.4 % relevant)");
        // a search that matches any region except exactly one of the list
        outside.putObject("region").put("regex", "^(?!(?:" + String.join("|", REGIONS) + ")$)");
        return yaml.writeValueAsString(rules);
    }
}
