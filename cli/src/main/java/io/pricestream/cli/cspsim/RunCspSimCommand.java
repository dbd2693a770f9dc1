package io.pricestream.cli.cspsim;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.cli.config.ConfigOptions;
import io.pricestream.cli.config.CspSimKeys;
import io.pricestream.cli.config.LoadedConfig;
import io.pricestream.cli.error.ExitCodes;
import io.pricestream.cli.stack.ShutdownSignal;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.cspsim.catalogue.Csp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pricestream csp-sim}: serves the simulated AWS, Azure and GCP price APIs until Ctrl-C, for demos,
 * manual scraping ({@code pricestream scrape --endpoint}) and benchmarks.
 */
@Command(name = "csp-sim", mixinStandardHelpOptions = true,
        versionProvider = io.pricestream.cli.VersionProvider.class,
        description = {"Serve the simulated AWS, Azure and GCP price APIs (real paths and formats) until Ctrl-C.",
                "The catalogue depends only on --seed and --scale: the same flags serve the same bytes."})
public final class RunCspSimCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCspSimCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen port (" + CspSimConfig.PORT + "); 0 = any free port.")
    private Integer port;

    @Option(names = "--scale", paramLabel = "N", description = "Approximate number of price points over the three CSPs (" + CspSimConfig.SCALE + ").")
    private Long scale;

    @Option(names = "--seed", paramLabel = "N", description = "Catalogue seed (" + CspSimConfig.SEED + ").")
    private Long seed;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Bind address (" + CspSimConfig.HOST + ").")
    private String host;

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(CspSimConfig.PORT, port == null ? null : port.toString());
        flags.put(CspSimConfig.SCALE, scale == null ? null : scale.toString());
        flags.put(CspSimConfig.SEED, seed == null ? null : seed.toString());
        flags.put(CspSimConfig.HOST, host);
        LoadedConfig loaded = configOptions.load(flags);
        Map<String, String> simSettings = new LinkedHashMap<>();
        loaded.values().forEach((key, value) -> {
            if (CspSimKeys.CONFIG_DEF.names().contains(key)) {
                simSettings.put(key, value);
            }
        });
        CspSimConfig config = CspSimConfig.fromMap(simSettings);
        LOG.info("Effective csp-sim config: {}", config.describe());

        try (ShutdownSignal shutdown = ShutdownSignal.install("pricestream-csp-sim");
             CspSimulator simulator = CspSimulator.start(config)) {
            printEndpoints(simulator, config, spec.commandLine().getOut());
            shutdown.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private static void printEndpoints(CspSimulator simulator, CspSimConfig config, PrintWriter out) {
        String url = simulator.url();
        long pricePoints = 0;
        for (Csp csp : Csp.values()) {
            pricePoints += simulator.truth().total(csp);
        }
        out.println("csp-sim is serving " + pricePoints + " price points at " + url);
        out.println("  aws:   " + url + "/offers/v1.0/aws/index.json");
        out.println("  azure: " + url + "/api/retail/prices");
        out.println("  gcp:   " + url + "/v1/services?key=" + config.gcpApiKey());
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
