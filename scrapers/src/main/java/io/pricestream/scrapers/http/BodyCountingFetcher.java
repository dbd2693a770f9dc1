package io.pricestream.scrapers.http;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.pricestream.scrapers.core.ScrapeException;

/**
 * The default {@link HttpFetcher#forRun()} view: fetches through its delegate and counts the bytes handed to its own
 * readers. That is both the received and the decoded count only for a fetcher that does not decompress (test
 * doubles); {@link FailsafeHttpFetcher} counts wire bytes below gunzip and so has its own view.
 */
final class BodyCountingFetcher implements HttpFetcher {

    private final HttpFetcher delegate;
    private final AtomicLong bytes = new AtomicLong();

    BodyCountingFetcher(HttpFetcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
        return delegate.get(uri, headers, body -> reader.read(new CountingInputStream(body, bytes::addAndGet)));
    }

    @Override
    public long bytesReceived() {
        return bytes.get();
    }
}
