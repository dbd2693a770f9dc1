package io.pricestream.cli.watch;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;

import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import io.pricestream.cli.sink.ForegroundRun;
import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.cdc.PriceChangeWatcher;
import io.pricestream.connect.cdc.WatchFilter;
import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.KafkaClientOverrides;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream watch}: prints one line per price-change event on {@code prices.changes} until Ctrl-C
 * ({@link PriceChangeWatcher}). It joins no consumer group and commits nothing, so watching disturbs no real
 * consumer. Kafka and the registry are the CDC publisher's ({@code cdc.*}, else the shared endpoints).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Print price changes (prices.changes) as they happen, one line each, until Ctrl-C.",
                "e.g. 2026-11-22T14:03:12Z CHANGED aws AmazonEC2 us-east-1 <price_id> 0.0960 → 0.1010 USD/hours (+5.21%%)"})
public final class WatchCommand implements Callable<Integer> {

    /** Watch declares no keys of its own: it reads where the CDC publisher writes. */
    private static final ConfigDef NO_KEYS = new ConfigDef();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--csp", paramLabel = "CSP", split = ",", description = "Only these CSPs (aws, azure, gcp).")
    private List<String> csps = List.of();

    @Option(names = "--service", paramLabel = "SERVICE", split = ",", description = "Only these services (e.g. AmazonEC2), any case.")
    private List<String> services = List.of();

    @Option(names = "--min-change-pct", paramLabel = "N",
            description = "Only CHANGED events whose |change_pct| >= N (NEW and RETIRED are always shown).")
    private BigDecimal minChangePct;

    @Option(names = "--from-beginning", description = "First print the events the topic still holds, then follow.")
    private boolean fromBeginning;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Events topic (" + CdcConfig.TOPIC + ", default prices.changes).")
    private String topic;

    @Override
    public Integer call() {
        WatchFilter filter = filter();
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(CdcConfig.TOPIC, topic);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, NO_KEYS,
                ComponentEndpoints.keys(CdcConfig.BOOTSTRAP_SERVERS, CdcConfig.SCHEMA_REGISTRY_URL, null, null, null),
                root.endpoints())) {
            Map<String, String> settings = endpoints.settings();
            // watch reads the CDC publisher's topic, so it connects as the CDC publisher does (cdc.kafka.*, cdc.schema.registry.*)
            PriceChangeWatcher watcher = new PriceChangeWatcher(new PriceChangeWatcher.Options(
                    settings.get(CdcConfig.BOOTSTRAP_SERVERS),
                    SchemaRegistryConfig.forComponent(settings, CdcConfig.SCHEMA_REGISTRY_URL, CdcConfig.SCHEMA_REGISTRY_USER_INFO),
                    KafkaClientOverrides.extract(settings, CdcConfig.KAFKA_SCOPE),
                    settings.getOrDefault(CdcConfig.TOPIC, Topics.CHANGES), filter, fromBeginning));
            return watch(watcher);
        }
    }

    private int watch(PriceChangeWatcher watcher) {
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> watcher.run(line -> {
            out.println(line);
            out.flush();
        }, stop::get), task -> new Thread(task, "pricestream-watch").start());
        try {
            ForegroundRun.untilStopped("watch", finished, () -> {
                stop.set(true);
                finished.handle((ignored, error) -> null).join();
            }, spec.commandLine().getErr());
        } catch (IllegalStateException e) {
            // The watcher's own refusal (e.g. no such topic yet): one line, not a stack trace.
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private WatchFilter filter() {
        Set<String> cspSet = csps.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (String csp : cspSet) {
            if (!Topics.CSPS.contains(csp)) {
                throw new ParameterException(spec.commandLine(), "Unknown --csp '" + csp + "': expected aws, azure or gcp");
            }
        }
        if (minChangePct != null && minChangePct.signum() < 0) {
            throw new ParameterException(spec.commandLine(), "--min-change-pct must not be negative, got " + minChangePct.toPlainString());
        }
        return new WatchFilter(cspSet, Set.copyOf(services), minChangePct);
    }
}
