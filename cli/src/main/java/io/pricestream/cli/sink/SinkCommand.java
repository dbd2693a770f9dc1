package io.pricestream.cli.sink;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Metrics;
import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.connect.sink.PriceSink;
import io.pricestream.connect.sink.SinkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream sink}: runs the JDBC sink ({@link PriceSink}) from {@code prices.sku} into the price schema
 * until Ctrl-C. The schema must already match this build's migrations: start-up checks it and otherwise asks
 * for {@code pricestream db migrate}, rather than writing into a schema it does not know.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Write prices.sku into PostgreSQL (api_price: current prices and their history) until Ctrl-C.",
                "Exactly once: offsets are stored with the rows. Needs a migrated schema (pricestream db migrate).",
                "Without configured endpoints, runs on the local stack (started for the duration)."})
public final class SinkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to read (" + SinkConfig.TOPIC + ", default prices.sku).")
    private String topic;

    @Option(names = "--group", paramLabel = "GROUP", description = "Consumer group (" + SinkConfig.GROUP_ID + ", default pricestream-sink).")
    private String group;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(SinkConfig.TOPIC, topic);
        flags.put(SinkConfig.GROUP_ID, group);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, SinkConfig.CONFIG_DEF,
                ComponentEndpoints.keys(SinkConfig.BOOTSTRAP_SERVERS, SinkConfig.SCHEMA_REGISTRY_URL, SinkConfig.JDBC_URL,
                        SinkConfig.JDBC_USER, SinkConfig.JDBC_PASSWORD), root.endpoints())) {
            SinkConfig config = new SinkConfig(endpoints.settings());
            ConfigOptions.logEffective("sink", config);
            SchemaReady.check(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), "the sink");
            return run(config);
        }
    }

    private int run(SinkConfig config) {
        PrintWriter err = spec.commandLine().getErr();
        PriceSink sink = PriceSink.create(config, Metrics.globalRegistry);
        CompletableFuture<Void> finished = CompletableFuture.runAsync(sink, task -> new Thread(task, "pricestream-sink").start());
        PrintWriter out = spec.commandLine().getOut();
        out.println("sink running: " + config.topic() + " (group " + config.groupId() + ") -> api_price; Ctrl-C to stop");
        out.flush();
        boolean endedByItself = ForegroundRun.untilStopped("sink", finished, sink::close, err);
        if (endedByItself) {
            err.println("error: the sink stopped by itself");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
