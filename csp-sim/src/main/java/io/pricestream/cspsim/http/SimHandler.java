package io.pricestream.cspsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Base of the three API handlers: applies the planned faults, then lets the subclass stream the
 * answer. A truncation or an unexpected failure drops the connection without ending the body, the
 * way a broken upstream looks to a client. With a {@link ResponseCache}, an un-faulted GET is answered
 * from memory when it was rendered before, else rendered into memory, stored and then sent.
 */
public abstract class SimHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SimHandler.class);
    private static final String HTML_PAGE = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
            + "<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p>"
            + "</body></html>";

    private final FaultInjector faults;
    private final ResponseCache cache;
    private final String api;

    /** A handler that renders every response live. */
    protected SimHandler(FaultInjector faults) {
        this(faults, ResponseCache.off(), "");
    }

    /** A handler that answers repeated un-faulted GETs from {@code cache}; {@code api} names it in the cache keys. */
    protected SimHandler(FaultInjector faults, ResponseCache cache, String api) {
        this.faults = faults;
        this.cache = cache;
        this.api = api;
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        try {
            FaultPlan plan = faults.next();
            if (plan.delayMs() > 0) {
                sleep(plan.delayMs());
            }
            ResponseCache.Key key = cacheable(exchange, plan) ? cache.key(api, exchange) : null;
            CachedResponse cached = key == null ? null : cache.lookup(key);
            if (cached != null) {
                cached.sendTo(exchange);
                exchange.close();
                return;
            }
            ResponseRecorder recorder = key == null ? null : new ResponseRecorder();
            SimResponse response = new SimResponse(exchange, plan, recorder);
            if (plan.throttle()) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(faults.config().retryAfterSeconds()));
                error(response, 429, "Too many requests (simulated throttling)");
            } else if (plan.error()) {
                error(response, 503, "Service temporarily unavailable (simulated)");
            } else if (plan.html()) {
                response.text(200, "text/html; charset=utf-8", HTML_PAGE);
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                error(response, 405, "method " + exchange.getRequestMethod() + " not allowed");
            } else {
                serve(exchange, response);
            }
            if (recorder != null && recorder.started()) {
                CachedResponse rendered = recorder.captured().orElseThrow(() -> new IllegalStateException(
                        "the handler of '" + exchange.getRequestURI() + "' returned without finishing its body"));
                cache.store(key, rendered);
                rendered.sendTo(exchange);
            }
            exchange.close();
        } catch (TruncatedResponseException e) {
            // Escaping the handler makes the JDK server close the socket without the last chunk.
            throw new IllegalStateException(e.getMessage(), e);
        } catch (RuntimeException | IOException e) {
            // Not closing the exchange: the server drops the connection, so the client cannot take a
            // half-written body for a complete one.
            LOG.warn("request '{}' failed", exchange.getRequestURI(), e);
            throw e;
        }
    }

    /**
     * Whether the response may come from or go into the cache: a GET whose body no planned fault changes.
     * A delay alone changes nothing in the response, so it still applies, before a cached answer too.
     */
    private boolean cacheable(HttpExchange exchange, FaultPlan plan) {
        return cache.enabled() && "GET".equals(exchange.getRequestMethod()) && !plan.changesResponse();
    }

    /** Streams the answer of a request that is not faulted. */
    protected abstract void serve(HttpExchange exchange, SimResponse response) throws IOException;

    /** Writes an error in the API's own error shape. */
    protected abstract void error(SimResponse response, int status, String message) throws IOException;

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
