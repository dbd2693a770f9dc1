package io.pricestream.cspsim.http;

import com.sun.net.httpserver.HttpExchange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Complete 200 responses of un-faulted GET requests, kept per catalogue generation so that a repeated
 * request is answered by copying bytes instead of rendering and gzipping again. Lets a benchmark render
 * everything before its window ({@code CspSimulator.prerender()}); entries of older generations are
 * dropped as soon as the generation moves on, since they can never be served again.
 */
public final class ResponseCache {
    private static final ResponseCache OFF = new ResponseCache(false, () -> 0);

    private final boolean enabled;
    private final IntSupplier generation;
    private final Map<Key, CachedResponse> entries = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile int keptGeneration;

    private ResponseCache(boolean enabled, IntSupplier generation) {
        this.enabled = enabled;
        this.generation = generation;
    }

    /** A cache over responses of the generation {@code generation} reports. */
    public static ResponseCache of(IntSupplier generation) {
        return new ResponseCache(true, generation);
    }

    /** A cache that keeps nothing: every request is rendered live. */
    public static ResponseCache off() {
        return OFF;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Identity of a response: everything in the request that the handlers read, plus the generation.
     * {@code Host} is part of it because Azure's {@code NextPageLink} is built from it; the GCP API key
     * header because it decides between data and an error.
     *
     * @param api         which handler answers
     * @param uri         raw path and query
     * @param gzip        the client accepts gzip
     * @param host        {@code Host} header, or null
     * @param ifNoneMatch {@code If-None-Match} header, or null
     * @param apiKey      {@code X-Goog-Api-Key} header, or null
     * @param generation  catalogue generation the response shows
     */
    record Key(String api, String uri, boolean gzip, String host, String ifNoneMatch, String apiKey, int generation) {
    }

    /** The key of this exchange's response at the current generation. */
    Key key(String api, HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        return new Key(api, exchange.getRequestURI().toString(), SimResponse.acceptsGzip(exchange),
                headers.getFirst("Host"), headers.getFirst("If-None-Match"), headers.getFirst("X-Goog-Api-Key"),
                generation.getAsInt());
    }

    /** The stored response, or null (counted as a miss) when it must be rendered. */
    CachedResponse lookup(Key key) {
        dropOlderGenerations();
        CachedResponse hit = entries.get(key);
        (hit == null ? misses : hits).incrementAndGet();
        return hit;
    }

    /**
     * Keeps a response rendered for {@code key}, unless it is not a 200 or the generation moved while it was
     * rendered (the handler may then have read the newer catalogue, so the bytes may not match the key).
     */
    void store(Key key, CachedResponse response) {
        if (response.status() != 200 || key.generation() != generation.getAsInt()) {
            return;
        }
        entries.put(key, response);
        dropOlderGenerations();
    }

    /** Frees the responses of generations before the current one. */
    public void dropOlderGenerations() {
        int current = generation.getAsInt();
        if (current != keptGeneration) {
            synchronized (this) {
                if (current != keptGeneration) {
                    entries.keySet().removeIf(key -> key.generation() != current);
                    keptGeneration = current;
                }
            }
        }
    }

    /** Counters since start and what is stored now. */
    public Stats stats() {
        long bytes = entries.values().stream().mapToLong(response -> response.body().length).sum();
        return new Stats(hits.get(), misses.get(), entries.size(), bytes);
    }

    /**
     * @param hits    requests answered from memory
     * @param misses  cacheable requests that had to be rendered
     * @param entries responses stored now
     * @param bytes   body bytes stored now
     */
    public record Stats(long hits, long misses, int entries, long bytes) {
    }
}
