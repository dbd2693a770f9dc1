package io.pricestream.cspsim.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One complete response as it was first sent: status, the headers the handler set and the body bytes
 * exactly as they went on the wire (gzipped when the client accepted gzip).
 *
 * @param status  HTTP status
 * @param headers headers the handler set (not the ones the JDK server adds: Date, Transfer-encoding)
 * @param body    body bytes as sent
 */
public record CachedResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Copies the headers so later changes to the exchange's map cannot alter the stored response. */
    public CachedResponse {
        headers = Map.copyOf(headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()))));
    }

    /** Answers the exchange with the stored response; the caller closes the exchange. */
    void sendTo(HttpExchange exchange) throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        // A known length instead of chunks: the bytes are all there, and the client sees the same body.
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
