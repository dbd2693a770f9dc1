package io.pricestream.cspsim.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Starts a streamed response for one exchange: chunked, gzip when the client accepts it, cut at the
 * planned truncation point.
 */
public final class SimResponse {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final HttpExchange exchange;
    private final FaultPlan plan;
    private final ResponseRecorder recorder;

    /** A response rendered into {@code recorder} rather than onto the wire; null streams it as usual. */
    SimResponse(HttpExchange exchange, FaultPlan plan, ResponseRecorder recorder) {
        this.exchange = exchange;
        this.plan = plan;
        this.recorder = recorder;
    }

    /** Faults planned for this request (handlers read {@link FaultPlan#pageLoop()}). */
    public FaultPlan plan() {
        return plan;
    }

    /** Sends the headers and returns a generator over the (possibly gzipped) body; close it to finish. */
    public JsonGenerator json(int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        return JSON.createGenerator(body(status), JsonEncoding.UTF8);
    }

    /**
     * Tags the response with an entity tag; answers {@code 304 Not Modified} (no body) and returns
     * true when the request's {@code If-None-Match} already names it.
     */
    public boolean notModified(String etag) throws IOException {
        String quoted = "\"" + etag + "\"";
        exchange.getResponseHeaders().set("ETag", quoted);
        String match = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (match != null && (match.equals(quoted) || match.equals(etag))) {
            exchange.sendResponseHeaders(304, -1);
            return true;
        }
        return false;
    }

    /** Sends a small complete non-JSON body. */
    public void text(int status, String contentType, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try (OutputStream out = body(status)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private OutputStream body(int status) throws IOException {
        boolean gzip = acceptsGzip(exchange);
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        OutputStream out;
        if (recorder != null) {
            out = recorder.start(status, exchange.getResponseHeaders()); // SimHandler sends it when complete
        } else {
            exchange.sendResponseHeaders(status, 0);
            out = exchange.getResponseBody();
        }
        if (plan.truncateAtBytes() >= 0) {
            out = new TruncatingOutputStream(out, plan.truncateAtBytes());
        }
        out = new BufferedOutputStream(out, 1 << 16);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    static boolean acceptsGzip(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip");
    }
}
