package io.pricestream.cli.scrape;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.kafka.common.config.ConfigException;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.localstack.LocalStack;
import io.pricestream.localstack.LocalStackConfig;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.output.CsvPriceWriter;
import io.pricestream.scrapers.output.JsonlPriceWriter;
import io.pricestream.scrapers.run.PriceScrapers;
import io.pricestream.scrapers.run.RunOutcome;
import io.pricestream.scrapers.run.ScrapeRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream scrape}: one scrape run per CSP, published to the raw topics (prices, then a marker on
 * every partition, then the run summary), or with {@code --dry-run} written as CSV / JSON Lines instead.
 *
 * <p>Kafka and the registry come from {@code scrapers.bootstrap.servers} / {@code scrapers.schema.registry.url},
 * else from the shared {@code kafka.bootstrap.servers} / {@code schema.registry.url}; with neither, the
 * local stack is started for the run and stopped after it.
 */
@Command(name = "scrape", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Scrape price APIs once: publish to prices.raw.<csp>, or print with --dry-run.",
                "Exits 5 when a run failed or did not pass its quality gates."})
public final class ScrapeCommand implements Callable<Integer> {

    private static final String ALL = "all";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Parameters(index = "0", paramLabel = "CSP", description = "aws, azure, gcp or all.")
    private String csp;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Base URL of the price API instead of the real one (e.g. a csp-sim URL); scrapers.<csp>.endpoint.")
    private String endpoint;

    @Option(names = "--services", paramLabel = "SERVICE", split = ",",
            description = "Only these services (AWS offer codes, Azure service names, GCP service ids); scrapers.services.<csp>.")
    private List<String> services;

    @Option(names = "--regions", paramLabel = "REGION", split = ",", description = "Only these regions; scrapers.regions.<csp>.")
    private List<String> regions;

    @Option(names = "--dry-run", description = "Do not publish: write the normalised prices to stdout or --output.")
    private boolean dryRun;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Dry-run output format: csv or jsonl (default csv).")
    private String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Dry-run output file instead of stdout.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        List<String> csps = targets();
        checkDryRunOptions();
        Map<String, String> flags = new LinkedHashMap<>();
        for (String target : csps) {
            flags.put(ScraperConfig.endpointKey(target), endpoint);
            flags.put(ScraperConfig.servicesKey(target), services == null ? null : String.join(",", services));
            flags.put(ScraperConfig.regionsKey(target), regions == null ? null : String.join(",", regions));
        }
        LoadedConfig loaded = configOptions.load(flags);
        if (dryRun) {
            ConfigOptions.validate(loaded, ScraperConfig.CONFIG_DEF);
            ScraperConfig config = ConfigOptions.typed(loaded, "scrapers", ScraperConfig::new);
            return dryRun(config, csps);
        }
        Map<String, String> settings = new LinkedHashMap<>(loaded.values());
        settings.putIfAbsent(ScraperConfig.BOOTSTRAP_SERVERS, settings.get(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS));
        settings.putIfAbsent(ScraperConfig.SCHEMA_REGISTRY_URL, settings.get(SchemaRegistryConfig.URL));
        settings.values().removeIf(java.util.Objects::isNull);
        boolean external = settings.containsKey(ScraperConfig.BOOTSTRAP_SERVERS) || settings.containsKey(ScraperConfig.SCHEMA_REGISTRY_URL);
        if (external) {
            ConfigOptions.validate(loaded, EndpointsConfig.CONFIG_DEF, ScraperConfig.CONFIG_DEF);
            if (!settings.containsKey(ScraperConfig.BOOTSTRAP_SERVERS) || !settings.containsKey(ScraperConfig.SCHEMA_REGISTRY_URL)) {
                throw new ConfigException("Publishing needs both Kafka and a Schema Registry: set " + ScraperConfig.BOOTSTRAP_SERVERS
                        + " (or " + EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS + ") and " + ScraperConfig.SCHEMA_REGISTRY_URL
                        + " (or " + SchemaRegistryConfig.URL + "), or neither to use the local stack");
            }
            return publish(new ScraperConfig(settings), csps);
        }
        ConfigOptions.validate(loaded, ScraperConfig.CONFIG_DEF, LocalStackConfig.CONFIG_DEF);
        try (LocalStack stack = LocalStack.start(ConfigOptions.typed(loaded, "local stack", LocalStackConfig::new))) {
            settings.put(ScraperConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers());
            settings.put(ScraperConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
            return publish(new ScraperConfig(settings), csps);
        }
    }

    private int publish(ScraperConfig config, List<String> csps) {
        ConfigOptions.logEffective("scrapers", config);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        root.endpoints().record(EndpointKind.KAFKA, config.bootstrapServers().orElseThrow());
        root.endpoints().record(EndpointKind.SCHEMA_REGISTRY, config.schemaRegistryUrl().orElseThrow());
        ScrapeRunner runner = new ScrapeRunner(config);
        return runAll(csps, config, target -> runner.publish(PriceScrapers.forCsp(target, config)), spec.commandLine().getOut());
    }

    private int dryRun(ScraperConfig config, List<String> csps) throws IOException {
        if (csps.size() == 1) {
            ((PricestreamCommand) spec.root().userObject()).endpoints().record(EndpointKind.HTTP, config.endpoint(csps.get(0)).toString());
        }
        ScrapeRunner runner = new ScrapeRunner(config);
        // One writer for every CSP: one header, one file; the CSV and JSONL rows carry the csp column.
        try (RunSink writer = writer()) {
            // Stdout carries the data; the run summaries go to stderr.
            return runAll(csps, config, target -> runner.dryRun(PriceScrapers.forCsp(target, config), writer), spec.commandLine().getErr());
        }
    }

    private interface Run {
        RunOutcome run(String csp) throws ScrapeException;
    }

    /** Runs each CSP in turn; a failed CSP does not stop the others, and fails the command at the end. */
    private int runAll(List<String> csps, ScraperConfig config, Run run, PrintWriter summaries) {
        List<String> failed = new ArrayList<>();
        for (String target : csps) {
            try {
                RunOutcome outcome = run.run(target);
                summaries.println(summary(outcome));
                if (outcome.gateFailed()) {
                    failed.add(target);
                }
            } catch (ScrapeException e) {
                spec.commandLine().getErr().println("error: " + target + " run failed: " + e.getMessage());
                failed.add(target);
            }
            summaries.flush();
            spec.commandLine().getErr().flush();
        }
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().println("error: not OK: " + String.join(", ", failed));
            spec.commandLine().getErr().flush();
            return ExitCodes.RUN_NOT_OK;
        }
        return ExitCodes.OK;
    }

    private static String summary(RunOutcome outcome) {
        var run = outcome.run();
        return String.format(Locale.ROOT, "%s: %s, %d prices, %d rejected, %d duplicates, %.1f MB in %.1f s (run %s)%s",
                run.getCsp(), run.getVerdict(), run.getRecordsPublished(), run.getRecordsRejected(), outcome.duplicates(),
                run.getBytesDownloaded() / 1e6, outcome.elapsed().toMillis() / 1e3, run.getRunId(),
                run.getVerdictReasons().isEmpty() ? "" : " — " + String.join("; ", run.getVerdictReasons()));
    }

    private RunSink writer() throws IOException {
        Writer target = output == null
                ? new KeepOpen(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        return "jsonl".equals(format()) ? new JsonlPriceWriter(target) : new CsvPriceWriter(target);
    }

    private String format() {
        return format == null ? "csv" : format.toLowerCase(Locale.ROOT);
    }

    private List<String> targets() {
        String name = csp.toLowerCase(Locale.ROOT);
        if (name.equals(ALL)) {
            return Topics.CSPS;
        }
        if (!Topics.CSPS.contains(name)) {
            throw new ParameterException(spec.commandLine(), "Unknown CSP '" + csp + "': expected aws, azure, gcp or all");
        }
        return List.of(name);
    }

    private void checkDryRunOptions() {
        if (!dryRun && (format != null || output != null)) {
            throw new ParameterException(spec.commandLine(), "--format and --output apply only with --dry-run");
        }
        if (format != null && !List.of("csv", "jsonl").contains(format())) {
            throw new ParameterException(spec.commandLine(), "Unknown --format '" + format + "': expected csv or jsonl");
        }
    }

    /** Stdout belongs to the command line, not to the writer: flush it, never close it. */
    private static final class KeepOpen extends FilterWriter {
        KeepOpen(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
