package io.pricestream.cspsim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: {@code --port N --scale N --seed N [--gcp-api-key K] [--host H]
 * [--azure-page-size N] [--sim.any.key=value]}. Prints the base URL and serves until killed.
 */
public final class CspSimMain {
    private CspSimMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CspSimConfig config;
        try {
            config = CspSimConfig.fromMap(parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        CspSimulator simulator = CspSimulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "csp-sim-shutdown"));
        System.out.println("csp-sim listening on " + simulator.url());
        new CountDownLatch(1).await();
    }

    /** Turns the flags into config keys; throws naming an unknown flag or a flag without value. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> aliases = Map.of("--port", CspSimConfig.PORT, "--scale", CspSimConfig.SCALE,
                "--seed", CspSimConfig.SEED, "--host", CspSimConfig.HOST, "--gcp-api-key", CspSimConfig.GCP_API_KEY,
                "--azure-page-size", CspSimConfig.AZURE_PAGE_SIZE, "--threads", CspSimConfig.HTTP_THREADS);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String key = aliases.get(name);
            if (key == null && name.startsWith("--sim.")) {
                key = name.substring(2);
            }
            if (key == null) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; expected --port, --scale, --seed, "
                        + "--host, --gcp-api-key, --azure-page-size, --threads or --sim.<key>=<value>");
            }
            if (arg.contains("=")) {
                values.put(key, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option '" + arg + "' needs a value");
            }
        }
        return values;
    }
}
