package io.pricestream.cspsim.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Holds a cacheable response in memory while it is rendered, instead of streaming it. The handler sends it
 * only once rendering has finished normally, after it is stored: so a client that has the complete response
 * can rely on its repeat being in the cache, and a render that fails half-way is neither sent nor kept.
 */
final class ResponseRecorder {
    private int status = -1;
    private Map<String, List<String>> headers;
    private ByteArrayOutputStream body;
    private boolean complete;

    /** Notes the status and the headers the handler has set; returns the stream the body goes to. */
    OutputStream start(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
        this.body = new ByteArrayOutputStream(1 << 12) {
            @Override
            public void close() throws IOException {
                complete = true;
            }
        };
        return body;
    }

    /** Whether the handler started a body; a 304 answered directly on the exchange does not. */
    boolean started() {
        return status >= 0;
    }

    /** The response, once the handler has closed its body. */
    Optional<CachedResponse> captured() {
        return complete ? Optional.of(new CachedResponse(status, headers, body.toByteArray())) : Optional.empty();
    }
}
