package io.pricestream.cspsim;

import com.sun.net.httpserver.HttpServer;
import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.cspsim.http.FaultInjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running simulator of the AWS, Azure and GCP price APIs on one HTTP port. Start it with
 * {@link #start(CspSimConfig)}; {@link #url()} is the base URL of all three APIs.
 */
public final class CspSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CspSimulator.class);

    private final CspSimConfig config;
    private final SimulatedClouds clouds;
    private final FaultInjector faults;
    private final HttpServer server;
    private final ExecutorService executor;

    private CspSimulator(CspSimConfig config, SimulatedClouds clouds, FaultInjector faults, HttpServer server,
                         ExecutorService executor) {
        this.config = config;
        this.clouds = clouds;
        this.faults = faults;
        this.server = server;
        this.executor = executor;
    }

    /** Builds the catalogue and starts serving; the config was validated when it was built. */
    public static CspSimulator start(CspSimConfig config) {
        // Without TCP_NODELAY the last small chunk of each response waits for the client's delayed
        // ACK (~40 ms per request), which throttles paged APIs to a few pages per second. The JDK reads
        // it once, when the JVM's first server is created: EmbeddedSchemaRegistry sets it too, because it
        // usually starts first; harmless for other servers in the JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        SimulatedClouds clouds = new SimulatedClouds(config.scale(), config.seed());
        FaultInjector faults = new FaultInjector(config.faults());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port()
                    + " (" + CspSimConfig.HOST + ", " + CspSimConfig.PORT + ")", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(config.httpThreads(), r -> {
            Thread t = new Thread(r, "csp-sim-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/offers/", clouds.aws().handler(clouds.catalogue(), faults));
        server.createContext("/api/retail/prices", clouds.azure().handler(clouds.catalogue(), faults,
                config.azurePageSize()));
        server.createContext("/v1/services", clouds.gcp().handler(clouds.catalogue(), faults, config.gcpApiKey()));
        server.createContext("/_sim/", new SimAdminHandler(clouds, faults));
        server.start();
        CspSimulator simulator = new CspSimulator(config, clouds, faults, server, executor);
        LOG.info("csp-sim serving at '{}' with {}", simulator.url(), config.describe());
        return simulator;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:54321}. */
    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Moves to the next generation: {@code share} of the prices change, a few appear or disappear. */
    public AdvanceResult advance(double share) {
        return clouds.advance(share);
    }

    /** What the scrapers must produce for the current generation. */
    public CatalogueTruth truth() {
        return clouds.truth();
    }

    /** Current generation number (0 = initial). */
    public int generation() {
        return clouds.catalogue().generation();
    }

    /** Replaces the fault knobs (and restarts their deterministic request numbering). */
    public void faults(FaultConfig faults) {
        if (!faults.problems().isEmpty()) {
            throw new CspSimConfigException(faults.problems());
        }
        this.faults.configure(faults);
    }

    /** The catalogue and APIs being served. */
    public SimulatedClouds clouds() {
        return clouds;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("csp-sim at port '{}' stopped", port());
    }
}
