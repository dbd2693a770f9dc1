package io.pricestream.localstack.registry;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

import io.pricestream.localstack.LocalStackException;

/**
 * A Confluent-compatible Schema Registry in this JVM: the REST API on the JDK's {@link HttpServer}, its
 * state kept in a {@link SchemaStore} — by default the compacted Kafka topic {@code _schemas}, read back
 * completely on start so a restart serves the same ids.
 *
 * <p>Clients use it exactly like Confluent's: {@code schema.registry.url=}{@link #url()}.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final int HTTP_THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaStore store, String url) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.url = url;
    }

    /**
     * Starts a registry on {@code host:port} (port 0 = any free port) that keeps its schemas in topic
     * {@code _schemas} of the broker at {@code bootstrapServers}.
     *
     * @throws LocalStackException naming the port when it cannot be bound, or the bootstrap address when the
     *                             broker cannot be reached
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String host, int port) {
        return start(host, port, () -> KafkaSchemaStore.open(KafkaSchemaStore.Settings.defaults(bootstrapServers)));
    }

    /**
     * Starts a registry on {@code host:port} whose store {@code openStore} opens once the port is bound (so a
     * taken port fails fast). The registry owns the store and closes it.
     */
    public static EmbeddedSchemaRegistry start(String host, int port, Supplier<? extends SchemaStore> openStore) {
        // The JDK server reads this once, when the first server of the JVM is created, and otherwise leaves
        // Nagle on: every response then waits ~40 ms for the client's delayed ACK. The registry usually starts
        // first (before csp-sim in `up --demo` and the benchmark), so it must set it for every server after it.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new LocalStackException("cannot start Schema Registry on " + host + ":" + port + ": port " + port
                    + " is in use (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new LocalStackException("cannot start Schema Registry on " + host + ":" + port + ": " + e, e);
        }
        SchemaStore store;
        RegistryState state;
        try {
            store = openStore.get();
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        try {
            state = RegistryState.load(store);
        } catch (RuntimeException e) {
            server.stop(0);
            store.close();
            throw e;
        }
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, new NamedDaemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new RegistryHttpHandler(state));
        server.start();
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(server, executor, store, urlOf(host, server.getAddress()));
        LOG.info("Schema Registry listening on '{}' with {} schemas in {} subjects from {}",
                registry.url, state.schemaCount(), state.subjects().size(), store.describe());
        return registry;
    }

    /** Base URL for {@code schema.registry.url}, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** The bound port (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops answering, then closes the store. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        store.close();
        LOG.info("Schema Registry on '{}' stopped", url);
    }

    private static String urlOf(String host, InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        String shown;
        if (address.isAnyLocalAddress()) {
            shown = "127.0.0.1"; // listening everywhere: loopback reaches it
        } else if (host.contains(":")) {
            shown = "[" + host + "]";
        } else {
            shown = host;
        }
        return "http://" + shown + ":" + bound.getPort();
    }

    /** HTTP worker threads, named for thread dumps, that never keep the JVM alive. */
    private static final class NamedDaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
