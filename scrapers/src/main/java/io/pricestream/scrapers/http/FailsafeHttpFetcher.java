package io.pricestream.scrapers.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.pricestream.scrapers.config.ScraperConfig.HttpSettings;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * {@link HttpFetcher} on the JDK {@link HttpClient} with a Failsafe retry policy.
 *
 * <p>Retried: 429, 5xx, timeouts and I/O failures (connection refused / reset, body cut short). The delay is
 * exponential backoff with jitter, or the server's {@code Retry-After} when it sends one; the budget is both a
 * retry count and a total time. Never retried: other 4xx, and a body the reader rejects (invalid JSON, an HTML
 * error page served with 200, a truncated document) — those end the run at once with the URL in the message.
 * Re-reading a document after a mid-body failure re-emits its first records; the run's de-duplication absorbs that.
 *
 * <p>The request timeout bounds the wait for the response headers and, as an idle timeout, every wait for more body
 * data: a body that stalls mid-way fails with a timeout and is retried.
 */
public final class FailsafeHttpFetcher implements HttpFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(FailsafeHttpFetcher.class);
    private static final int ERROR_SNIPPET_CHARS = 300;

    private final HttpClient client;
    private final HttpSettings settings;
    private final Clock clock;
    private final ByteCounts totals = new ByteCounts();
    private final ScheduledExecutorService watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "http-body-watchdog");
        t.setDaemon(true);
        return t;
    });

    public FailsafeHttpFetcher(HttpSettings settings) {
        this(settings, Clock.systemUTC());
    }

    FailsafeHttpFetcher(HttpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public long bytesReceived() {
        return totals.received();
    }

    @Override
    public long bytesDecoded() {
        return totals.decoded();
    }

    /** A view that counts its own wire and decoded bytes (and adds them to this fetcher's totals). */
    @Override
    public HttpFetcher forRun() {
        return new RunView(totals.nested());
    }

    @Override
    public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
        return get(uri, headers, reader, totals);
    }

    private <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader, ByteCounts counts) throws ScrapeException {
        String shown = redacted(uri);
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handle(IOException.class, RetryableStatusException.class)
                .abortOn(MalformedBodyException.class, JsonProcessingException.class)
                .withDelayFn(ctx -> delay(ctx.getAttemptCount(), ctx.getLastException()))
                .withMaxRetries(settings.maxRetries())
                .withMaxDuration(settings.retryBudget())
                .onRetry(e -> LOG.warn("GET '{}' failed ({}), retry {} of {}", shown, describe(e.getLastException()),
                        e.getAttemptCount(), settings.maxRetries()))
                .build();
        try {
            return Failsafe.with(policy).get(ctx -> attempt(uri, headers, reader, counts));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new ScrapeException("Interrupted while fetching " + shown, cause);
            }
            throw failure(shown, cause);
        } catch (RetryableStatusException | PermanentStatusException e) {
            throw failure(shown, e);
        }
    }

    /**
     * The wait before retry {@code attempt}: the server's {@code Retry-After} plus up to 10% (never less than asked), else
     * exponential backoff from the initial delay, doubling, capped at the maximum, with ±25% jitter so parallel
     * downloads do not retry in lockstep. Computed here rather than by Failsafe's backoff because Failsafe's jitter
     * would also shorten a {@code Retry-After}.
     */
    Duration delay(int attempt, Throwable last) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        if (last instanceof RetryableStatusException r && r.retryAfter != null) {
            return r.retryAfter.plusMillis((long) (r.retryAfter.toMillis() * 0.1 * random.nextDouble()));
        }
        double base = settings.backoffInitial().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, settings.backoffMax().toMillis());
        return Duration.ofMillis(Math.max(1, (long) (capped * (0.75 + 0.5 * random.nextDouble()))));
    }

    /** The URL as logs and errors show it: API keys in the query ({@code key=}, GCP) masked. */
    static String redacted(URI uri) {
        return uri.toString().replaceAll("([?&](?:key|api[-_]?key|sig|signature|token)=)[^&#]*", "$1****");
    }

    private ScrapeException failure(String uri, Throwable cause) {
        if (cause instanceof MalformedBodyException || cause instanceof JsonProcessingException) {
            return new ScrapeException("Cannot parse the response of GET " + uri + ": " + cause.getMessage(), cause);
        }
        if (cause instanceof PermanentStatusException p) {
            return new ScrapeException("GET " + uri + " failed with HTTP " + p.status + ": " + p.getMessage(), cause);
        }
        return new ScrapeException("GET " + uri + " failed after the retry budget (max " + settings.maxRetries()
                + " retries, " + settings.retryBudget().toMillis() + " ms): last error " + describe(cause), cause);
    }

    private static String describe(Throwable t) {
        if (t instanceof RetryableStatusException r) {
            return "HTTP " + r.status;
        }
        if (t instanceof HttpTimeoutException) {
            return "timeout (" + t.getMessage() + ")";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        return t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private <T> T attempt(URI uri, Map<String, String> headers, BodyReader<T> reader, ByteCounts counts)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept-Encoding", "gzip")
                .header("Accept", "application/json")
                .GET();
        // h2c upgrade over plain http confuses some servers; TLS negotiates HTTP/2 by ALPN anyway.
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            request.version(HttpClient.Version.HTTP_1_1);
        }
        headers.forEach(request::header);
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream decoded;
        try {
            decoded = decoded(response, counts);
        } catch (java.util.zip.ZipException e) {
            response.body().close();
            throw new MalformedBodyException("the body is declared gzip but is not: " + e.getMessage(), e);
        }
        try (InputStream body = decoded) {
            int status = response.statusCode();
            if (status == 429 || status >= 500) {
                throw new RetryableStatusException(status,
                        RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock).orElse(null));
            }
            if (status < 200 || status >= 300) {
                throw new PermanentStatusException(status, snippet(body));
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try {
                return reader.read(body);
            } catch (JsonProcessingException | MalformedBodyException e) {
                String hint = contentType.toLowerCase().contains("html") ? " (the server sent Content-Type '" + contentType + "')" : "";
                throw new MalformedBodyException(e.getMessage() + hint, e);
            }
        }
    }

    private InputStream decoded(HttpResponse<InputStream> response, ByteCounts counts) throws IOException {
        InputStream watched = new IdleTimeoutInputStream(response.body(), settings.requestTimeout(), watchdogs);
        InputStream counted = new CountingInputStream(watched, counts::addReceived);
        Optional<String> encoding = response.headers().firstValue("Content-Encoding");
        InputStream plain = encoding.isPresent() && encoding.get().equalsIgnoreCase("gzip") ? new GZIPInputStream(counted, 64 * 1024) : counted;
        return new CountingInputStream(plain, counts::addDecoded);
    }

    private static String snippet(InputStream body) {
        try {
            byte[] head = body.readNBytes(ERROR_SNIPPET_CHARS);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * One run's window on this fetcher: shares its client, retries and watchdog, counts into its own nested
     * {@link ByteCounts}. The counting has to happen in here, below gunzip, to see the wire bytes.
     */
    private final class RunView implements HttpFetcher {
        private final ByteCounts counts;

        RunView(ByteCounts counts) {
            this.counts = counts;
        }

        @Override
        public <T> T get(URI uri, Map<String, String> headers, BodyReader<T> reader) throws ScrapeException {
            return FailsafeHttpFetcher.this.get(uri, headers, reader, counts);
        }

        @Override
        public long bytesReceived() {
            return counts.received();
        }

        @Override
        public long bytesDecoded() {
            return counts.decoded();
        }

        @Override
        public HttpFetcher forRun() {
            return new RunView(counts.nested());
        }
    }

    /** 429 / 5xx: retried, honouring {@code Retry-After}. */
    static final class RetryableStatusException extends RuntimeException {
        final int status;
        final Duration retryAfter;

        RetryableStatusException(int status, Duration retryAfter) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    /** Any other non-2xx: not retried. */
    static final class PermanentStatusException extends RuntimeException {
        final int status;

        PermanentStatusException(int status, String body) {
            super(body.isEmpty() ? "(empty body)" : body, null, false, false);
            this.status = status;
        }
    }
}
