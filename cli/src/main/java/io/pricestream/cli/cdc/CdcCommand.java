package io.pricestream.cli.cdc;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.Metrics;
import io.pricestream.cli.PricestreamCommand;
import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.sink.ComponentEndpoints;
import io.pricestream.cli.sink.ForegroundRun;
import io.pricestream.cli.sink.SchemaReady;
import io.pricestream.connect.cdc.CdcConfig;
import io.pricestream.connect.cdc.CdcPublishException;
import io.pricestream.connect.cdc.PriceChangePublisher;
import io.pricestream.connect.cdc.ReplicationSlots;
import io.pricestream.connect.cdc.ReplicationSlots.ReplicationSlotException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream cdc}: publishes every committed change of {@code api_price.infra_price} as a
 * {@code PriceChanged} event on {@code prices.changes} ({@link PriceChangePublisher}, Debezium embedded) until
 * Ctrl-C; {@code --drop-slot} instead drops the publisher's replication slot, which otherwise keeps WAL forever
 * once a publisher is retired.
 */
@Command(name = "cdc", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Publish price changes of api_price.infra_price to prices.changes (Debezium) until Ctrl-C.",
                "At least once; duplicates after a crash carry the same source_lsn.",
                "--drop-slot: drop the replication slot of a retired publisher (it holds WAL) and exit.",
                "Without configured endpoints, runs on the local stack (started for the duration)."})
public final class CdcCommand implements Callable<Integer> {

    /** Creating the slot and publication on a loaded machine can take a while; a stuck start must still end. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--slot", paramLabel = "NAME", description = "Replication slot (" + CdcConfig.SLOT_NAME + ", default pricestream_prices).")
    private String slot;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Events topic (" + CdcConfig.TOPIC + ", default prices.changes).")
    private String topic;

    @Option(names = "--drop-slot", description = "Drop the replication slot (the publisher must be stopped) and exit.")
    private boolean dropSlot;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(CdcConfig.SLOT_NAME, slot);
        flags.put(CdcConfig.TOPIC, topic);
        LoadedConfig loaded = configOptions.load(flags);
        PricestreamCommand root = (PricestreamCommand) spec.root().userObject();
        try (ComponentEndpoints endpoints = ComponentEndpoints.resolve(loaded, CdcConfig.CONFIG_DEF,
                ComponentEndpoints.keys(CdcConfig.BOOTSTRAP_SERVERS, CdcConfig.SCHEMA_REGISTRY_URL, CdcConfig.JDBC_URL,
                        CdcConfig.JDBC_USER, CdcConfig.JDBC_PASSWORD), root.endpoints())) {
            CdcConfig config = new CdcConfig(endpoints.settings());
            ConfigOptions.logEffective("cdc", config);
            return dropSlot ? dropSlot(config) : publish(config);
        }
    }

    private int dropSlot(CdcConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ReplicationSlots.drop(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.slotName());
        } catch (ReplicationSlotException e) {
            if (e.getCause() instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                throw e; // unreachable database: the error handler names it and exits 3
            }
            return refused(e.getMessage());
        }
        out.println("Dropped replication slot '" + config.slotName() + "'. The next `pricestream cdc` creates a new one"
                + " and publishes only changes made after that.");
        out.flush();
        return ExitCodes.OK;
    }

    private int publish(CdcConfig config) {
        SchemaReady.check(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), "the CDC publisher");
        PriceChangePublisher publisher = new PriceChangePublisher(config, Metrics.globalRegistry);
        try {
            publisher.start();
            publisher.awaitStarted(START_TIMEOUT);
        } catch (CdcPublishException e) {
            publisher.close();
            return refused(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("cdc publishing changes of api_price.infra_price on slot '" + config.slotName() + "' to "
                + config.topic() + "; Ctrl-C to stop");
        out.flush();
        boolean endedByItself = ForegroundRun.untilStopped("cdc", publisher.completion(), publisher::close, spec.commandLine().getErr());
        return endedByItself ? refused("the CDC publisher on slot '" + config.slotName() + "' stopped by itself") : ExitCodes.OK;
    }

    private int refused(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message.replace('\n', ' '));
        err.flush();
        return ExitCodes.FAILED;
    }
}
