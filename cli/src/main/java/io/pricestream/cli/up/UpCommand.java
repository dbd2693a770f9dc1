package io.pricestream.cli.up;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.EndpointsConfig;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.EndpointKind;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.pipeline.CycleSummary;
import io.pricestream.cli.pipeline.Pipeline;
import io.pricestream.cli.pipeline.PipelineConfig;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.cli.pipeline.PipelineStack;
import io.pricestream.cli.pipeline.TopicProvisioner;
import io.pricestream.cli.stack.ShutdownSignal;
import io.pricestream.connect.schema.MigrationResult;
import io.pricestream.connect.schema.PriceSchemaMigrator;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.config.ScraperConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream up}: the whole pipeline in one process. Starts the local stack unless endpoints are
 * configured, migrates the price schema, creates the topics, starts the streams app, the sink and the CDC
 * publisher, and scrapes every CSP on a schedule until Ctrl-C; {@code --once} runs one cycle, waits until
 * everything downstream has processed it, prints the summary and exits.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Run the whole pipeline: scrapers on a schedule, streams app, sink and CDC, until Ctrl-C.",
                "Uses the local stack unless kafka.bootstrap.servers, schema.registry.url and jdbc.url are set.",
                "--demo scrapes a built-in simulator of the three clouds (no internet, no keys)."})
public final class UpCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--demo", description = "Scrape a simulator of AWS, Azure and GCP started in this process, moved between cycles.")
    private boolean demo;

    @Option(names = "--scale", paramLabel = "PRICES", description = "With --demo: simulated price points over the three clouds (default 20000).")
    private Long scale;

    @Option(names = "--advance", paramLabel = "SHARE", description = "With --demo: share of prices changed between cycles (default 0.01).")
    private Double advance;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Time between scrape cycles, e.g. 6h, 30m, PT6H (" + PipelineConfig.SCRAPE_INTERVAL + ").")
    private String interval;

    @Option(names = "--once", description = "One scrape cycle, wait until the sink and CDC have processed it, print the summary, exit (5 if a run failed).")
    private boolean once;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka instead of the local stack (" + EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS + ").")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry instead of the local stack (" + SchemaRegistryConfig.URL + ").")
    private String schemaRegistryUrl;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "PostgreSQL instead of the local stack (" + EndpointsConfig.JDBC_URL + ").")
    private String jdbcUrl;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(PipelineConfig.SCRAPE_INTERVAL, interval);
        flags.put(EndpointsConfig.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(SchemaRegistryConfig.URL, schemaRegistryUrl);
        flags.put(EndpointsConfig.JDBC_URL, jdbcUrl);
        if (demo) {
            flags.put(CspSimConfig.SCALE, scale == null ? null : scale.toString());
        }
        LoadedConfig loaded = configOptions.load(flags);
        ConfigOptions.validate(loaded, PipelineConfig.CONFIG_DEF);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();

        try (ShutdownSignal shutdown = ShutdownSignal.install("pricestream-up");
             PipelineStack stack = PipelineStack.resolve(loaded);
             DemoClouds clouds = demo ? DemoClouds.start(simSettings(loaded.values()), advance == null ? 0.01 : advance) : null) {
            root.endpoints().record(EndpointKind.KAFKA, stack.endpoints().bootstrapServers());
            root.endpoints().record(EndpointKind.SCHEMA_REGISTRY, stack.endpoints().schemaRegistryUrl());
            root.endpoints().record(EndpointKind.POSTGRES, PriceSchemaMigrator.maskedUrl(stack.endpoints().jdbcUrl()));
            migrate(stack, out);
            Map<String, String> settings = new LinkedHashMap<>(loaded.values());
            if (clouds != null) {
                settings.putAll(clouds.scraperSettings(loaded.values()));
            }
            PipelineSettings pipelineSettings = PipelineSettings.of(settings, stack.endpoints());
            List<String> csps = csps(pipelineSettings, clouds != null, root.environment(), out);
            pipelineSettings.components().forEach(ConfigOptions::logEffective);
            return run(pipelineSettings, csps, clouds, stack, shutdown, out);
        }
    }

    private int run(PipelineSettings settings, List<String> csps, DemoClouds clouds, PipelineStack stack, ShutdownSignal shutdown,
                    PrintWriter out) throws InterruptedException {
        Thread worker = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            try {
                shutdown.await();
                LOG.info("Shutdown requested: stopping the pipeline");
                worker.interrupt();
            } catch (InterruptedException e) {
                // up finished on its own (--once or a failure): nothing to signal
            }
        }, "pricestream-up-ctrl-c");
        watcher.setDaemon(true);
        watcher.start();
        try (Pipeline pipeline = new Pipeline(settings, new SimpleMeterRegistry())) {
            TopicProvisioner.Report topics = pipeline.start();
            if (!topics.created().isEmpty()) {
                out.println("Created topics: " + String.join(", ", topics.created()));
            }
            topics.drift().forEach(line -> out.println("warning: topic drift: " + line));
            stack.printLocalStackExports(out);
            Duration every = settings.pipeline().scrapeInterval();
            out.println(once ? "Running one scrape cycle of " + String.join(", ", csps) + "…"
                    : "Scraping " + String.join(", ", csps) + " every " + every + "; Ctrl-C stops.");
            out.flush();
            for (int cycle = 1; ; cycle++) {
                Instant started = Instant.now();
                if (cycle > 1 && clouds != null) {
                    clouds.advance();
                }
                CycleSummary summary = pipeline.runCycle(csps);
                out.print(summary.format());
                out.flush();
                if (once) {
                    return summary.failed() ? ExitCodes.RUN_NOT_OK : ExitCodes.OK;
                }
                Duration wait = every.minus(Duration.between(started, Instant.now()));
                if (!wait.isNegative()) {
                    out.println("Next cycle at " + Instant.now().plus(wait) + ".");
                    out.flush();
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the pipeline is closed by try-with-resources, in reverse start order.
            spec.commandLine().getErr().println("stopping the pipeline…");
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        } finally {
            watcher.interrupt();
            Thread.interrupted(); // let the local stack and simulator close without a pending interrupt
        }
    }

    private static void migrate(PipelineStack stack, PrintWriter out) {
        var endpoints = stack.endpoints();
        MigrationResult result = new PriceSchemaMigrator(endpoints.jdbcUrl(), endpoints.jdbcUser(), endpoints.jdbcPassword()).migrate();
        if (result.migrationsApplied() > 0) {
            out.println("Applied " + result.migrationsApplied() + " migration(s); price schema at version " + result.currentVersion() + ".");
        }
    }

    /** The configured CSPs; without --demo GCP needs an API key and is skipped, saying so, when there is none. */
    private static List<String> csps(PipelineSettings settings, boolean demo, Map<String, String> environment, PrintWriter out) {
        List<String> csps = new ArrayList<>(settings.pipeline().csps());
        if (!demo && csps.contains("gcp") && settings.scrapers().gcpApiKey().isEmpty() && isBlank(environment.get("GCP_BILLING_KEY"))) {
            csps.remove("gcp");
            String message = "GCP is not scraped: set GCP_BILLING_KEY (or " + ScraperConfig.GCP_API_KEY + ") to an API key of a project "
                    + "with the Cloud Billing API enabled";
            LOG.warn(message);
            out.println("note: " + message + ".");
        }
        if (csps.isEmpty()) {
            throw new org.apache.kafka.common.config.ConfigException(PipelineConfig.CSPS + " leaves nothing to scrape without a GCP key");
        }
        return csps;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** The sim.* keys of the configuration; the demo default scale is small enough for a laptop. */
    private static Map<String, String> simSettings(Map<String, String> values) {
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put(CspSimConfig.SCALE, "20000");
        values.forEach((key, value) -> {
            if (key.startsWith("sim.") && value != null) {
                sim.put(key, value);
            }
        });
        return sim;
    }
}
