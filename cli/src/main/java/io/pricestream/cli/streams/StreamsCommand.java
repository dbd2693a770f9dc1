package io.pricestream.cli.streams;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.Metrics;
import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import io.pricestream.cli.sink.ForegroundRun;
import io.pricestream.streams.PricesStreamsApp;
import io.pricestream.streams.StreamsAppConfig;
import io.pricestream.streams.rules.RulesFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream streams}: runs the Kafka Streams app ({@link PricesStreamsApp}: validate, relevance rules,
 * change detection, retirement) until Ctrl-C / SIGTERM, then closes it cleanly (its state stores are flushed
 * and the transaction in flight is committed or aborted, never half-written).
 */
@Command(name = "streams", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Run the streams app: prices.raw.<csp> -> validate, relevance rules, change detection -> prices.sku.",
                "Runs until Ctrl-C; exactly once. Topics must exist (pricestream up creates them).",
                "Without configured endpoints, runs on the local stack (started for the duration)."})
public final class StreamsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--rules", paramLabel = "FILE", description = "Relevance rules file (" + StreamsAppConfig.RULES_PATH + "); default the bundled rules.")
    private String rules;

    @Option(names = "--application-id", paramLabel = "ID", description = "Kafka Streams application id (" + StreamsAppConfig.APPLICATION_ID + ").")
    private String applicationId;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(StreamsAppConfig.RULES_PATH, rules);
        flags.put(StreamsAppConfig.APPLICATION_ID, applicationId);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, StreamsAppConfig.CONFIG_DEF,
                ComponentEndpoints.keys(StreamsAppConfig.BOOTSTRAP_SERVERS, StreamsAppConfig.SCHEMA_REGISTRY_URL, null, null, null),
                root.endpoints())) {
            StreamsAppConfig config = new StreamsAppConfig(endpoints.settings());
            ConfigOptions.logEffective("streams", config);
            return run(config);
        }
    }

    private int run(StreamsAppConfig config) {
        PricesStreamsApp app;
        try {
            app = PricesStreamsApp.create(config, Metrics.globalRegistry);
        } catch (RulesFileException e) {
            // A bad rules file is bad configuration: exit 2 with the file, line and rule.
            throw new ConfigException(StreamsAppConfig.RULES_PATH + ": " + e.getMessage());
        }
        try (app) {
            app.start();
            CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
                try {
                    app.awaitStop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, task -> {
                Thread thread = new Thread(task, "pricestream-streams-await");
                thread.setDaemon(true);
                thread.start();
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println("streams app '" + config.applicationId() + "' running: "
                    + config.rawTopicPattern().map(p -> "/" + p + "/").orElse(String.join(",", config.rawTopics()))
                    + " -> " + config.skuTopic() + "; Ctrl-C to stop");
            out.flush();
            boolean endedByItself = ForegroundRun.untilStopped("streams", finished, app::close, spec.commandLine().getErr());
            if (endedByItself || app.state() == KafkaStreams.State.ERROR) {
                spec.commandLine().getErr().println("error: streams app '" + config.applicationId() + "' stopped in state "
                        + app.state() + " (see the log for the cause, e.g. a missing source topic)");
                spec.commandLine().getErr().flush();
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }
}
