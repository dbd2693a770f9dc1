package io.pricestream.cspsim.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP exchange held in memory, so unit tests can run the real handlers without sockets. It
 * records the status, the response headers and the body bytes.
 */
public final class InMemoryExchange extends HttpExchange {
    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;

    public InMemoryExchange(String method, String uri) {
        this.method = method;
        this.uri = URI.create(uri);
        requestHeaders.add("Host", "sim.test:443");
    }

    /** Runs {@code handler} on a GET of {@code uri} and returns the finished exchange. */
    public static InMemoryExchange get(HttpHandler handler, String uri) {
        return run(handler, new InMemoryExchange("GET", uri));
    }

    /** Runs {@code handler} on a prepared exchange. */
    public static InMemoryExchange run(HttpHandler handler, InMemoryExchange exchange) {
        try {
            handler.handle(exchange);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return exchange;
    }

    public int status() {
        return status;
    }

    public byte[] bytes() {
        return body.toByteArray();
    }

    public String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
    }

    @Override
    public InputStream getRequestBody() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream getResponseBody() {
        return body;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) {
        if (status != -1) {
            throw new IllegalStateException("headers already sent");
        }
        status = rCode;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return InetSocketAddress.createUnresolved("client.test", 1);
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return InetSocketAddress.createUnresolved("sim.test", 443);
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        throw new UnsupportedOperationException();
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }
}
