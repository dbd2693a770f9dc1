package io.pricestream.cspsim;

import com.sun.net.httpserver.HttpServer;
import io.pricestream.cspsim.catalogue.AdvanceResult;
import io.pricestream.cspsim.catalogue.CatalogueTruth;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.cspsim.http.FaultInjector;
import io.pricestream.cspsim.http.ResponseCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
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
    private final ResponseCache cache;
    private final HttpServer server;
    private final ExecutorService executor;

    private CspSimulator(CspSimConfig config, SimulatedClouds clouds, FaultInjector faults, ResponseCache cache,
                         HttpServer server, ExecutorService executor) {
        this.config = config;
        this.clouds = clouds;
        this.faults = faults;
        this.cache = cache;
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
        ResponseCache cache = config.responseCache() ? ResponseCache.of(clouds.catalogue()::generation) : ResponseCache.off();
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
        server.createContext("/offers/", clouds.aws().handler(clouds.catalogue(), faults, cache));
        server.createContext("/api/retail/prices", clouds.azure().handler(clouds.catalogue(), faults,
                config.azurePageSize(), cache));
        server.createContext("/v1/services", clouds.gcp().handler(clouds.catalogue(), faults, config.gcpApiKey(),
                cache));
        server.createContext("/_sim/", new SimAdminHandler(clouds, faults));
        server.start();
        CspSimulator simulator = new CspSimulator(config, clouds, faults, cache, server, executor);
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
        AdvanceResult result = clouds.advance(share);
        cache.dropOlderGenerations();
        return result;
    }

    /**
     * Renders into the response cache ({@code sim.response.cache}) every response a full scrape of the three
     * APIs requests for the current generation, by requesting them as the scrapers do. Afterwards such a scrape
     * only copies stored bytes to sockets, so a benchmark can keep the simulated provider's rendering and
     * gzipping out of its measured window.
     *
     * @throws IllegalStateException when the cache is off, or fault rates are set: the crawl would take the
     *                               scrapers' place in the fault sequence, and faulted responses are not cached
     */
    public PrerenderResult prerender() {
        if (!cache.enabled()) {
            throw new IllegalStateException("prerender() needs the response cache: start csp-sim with "
                    + CspSimConfig.RESPONSE_CACHE + "=true");
        }
        if (faults.config().injectsFaults()) {
            throw new IllegalStateException("prerender() needs every " + FaultConfig.PREFIX + "*.rate at 0: its requests "
                    + "would shift the scrapers' fault sequence, and faulted responses are not cached");
        }
        int generation = generation();
        long missesBefore = cache.stats().misses();
        long started = System.nanoTime();
        long requests = new SimPrerenderer(url(), config.gcpApiKey()).crawl();
        ResponseCache.Stats after = cache.stats();
        PrerenderResult result = new PrerenderResult(generation, requests, after.misses() - missesBefore, after.bytes(),
                Duration.ofNanos(System.nanoTime() - started));
        LOG.info("csp-sim pre-rendered {}", result);
        return result;
    }

    /** Hits, misses and size of the response cache (all zero when {@code sim.response.cache} is off). */
    public ResponseCache.Stats cacheStats() {
        return cache.stats();
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
