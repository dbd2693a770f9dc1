package io.pricestream.scrapers.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import io.pricestream.scrapers.core.ScrapeException;

/**
 * GETs a URL and hands the (already gunzipped) body stream to a reader, with bounded retries and
 * exponential backoff + jitter on 429 / 5xx / timeouts, honouring {@code Retry-After}.
 * A non-2xx status after the retry budget, or a body that is not what the reader expects, ends in
 * {@link ScrapeException} naming the URL.
 */
public interface HttpFetcher {

    /** Parses a response body as it streams in; must not buffer whole documents. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException;

    /** Bytes received from the network so far through this fetcher (compressed size when gzip was used). */
    long bytesReceived();

    /** Bytes handed to readers so far, after gunzip; equals {@link #bytesReceived()} when nothing was compressed. */
    default long bytesDecoded() {
        return bytesReceived();
    }

    /**
     * A view of this fetcher for one run: same connections and retries, but its {@link #bytesReceived()} and
     * {@link #bytesDecoded()} count only what was fetched through the view (this fetcher's totals still include it).
     * Runs of several CSPs share one fetcher concurrently, so a difference of this fetcher's totals would mix their bytes.
     * The default counts the bytes handed to readers, right only for a fetcher that does not decompress.
     */
    default HttpFetcher forRun() {
        return new BodyCountingFetcher(this);
    }
}
