package io.pricestream.scrapers.azure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.http.HttpFetcher;

/**
 * Test double of {@link HttpFetcher} without sockets: serves classpath fixtures by exact URL and, like the real
 * fetcher, turns a reader's failure into a {@link ScrapeException} naming the URL.
 */
final class FixtureHttpFetcher implements HttpFetcher {

    private final Map<String, String> routes = new HashMap<>();
    private final List<URI> requested = new ArrayList<>();
    private long bytes;

    FixtureHttpFetcher serve(String url, String resource) {
        routes.put(url, resource);
        return this;
    }

    List<URI> requested() {
        return requested;
    }

    @Override
    public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
        requested.add(uri);
        String resource = routes.get(uri.toString());
        if (resource == null) {
            throw new ScrapeException("GET " + uri + " failed with HTTP 404: no fixture");
        }
        try (InputStream body = FixtureHttpFetcher.class.getResourceAsStream(resource)) {
            if (body == null) {
                throw new UncheckedIOException(new IOException("missing test resource " + resource));
            }
            byte[] bytesOfBody = body.readAllBytes();
            bytes += bytesOfBody.length;
            return reader.read(new ByteArrayInputStream(bytesOfBody));
        } catch (IOException e) {
            throw new ScrapeException("Cannot parse the response of GET " + uri + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesReceived() {
        return bytes;
    }
}
