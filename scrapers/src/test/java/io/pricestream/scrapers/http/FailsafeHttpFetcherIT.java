package io.pricestream.scrapers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pricestream.scrapers.config.ScraperConfig.HttpSettings;
import io.pricestream.scrapers.core.ScrapeException;

/** The fetcher against a real local HTTP server (JDK HttpServer) over real sockets. */
@Timeout(60)
class FailsafeHttpFetcherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OK_BODY = "{\"offers\":{\"AmazonEC2\":{}}}".getBytes(StandardCharsets.UTF_8);

    /** One scripted response; the handler takes them in order and repeats the last. */
    private interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private HttpServer server;
    private final List<Reply> script = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Long> arrivalsNanos = new CopyOnWriteArrayList<>();
    private final List<String> acceptEncodings = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            int n = requests.getAndIncrement();
            arrivalsNanos.add(System.nanoTime());
            acceptEncodings.add(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            try {
                script.get(Math.min(n, script.size() - 1)).send(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static FailsafeHttpFetcher fetcher(int maxRetries, Duration requestTimeout, Duration budget) {
        return new FailsafeHttpFetcher(new HttpSettings(Duration.ofSeconds(2), requestTimeout, maxRetries, Duration.ofMillis(10),
                Duration.ofMillis(50), budget, 2));
    }

    private static FailsafeHttpFetcher fetcher(int maxRetries) {
        return fetcher(maxRetries, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private static Reply status(int code, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = ("{\"error\":\"status " + code + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static Reply ok(byte[] body, String contentType) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    private static JsonNode readJson(java.io.InputStream body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void shouldSucceedAfterA429StormWhenTheServerSendsRetryAfter() throws Exception {
        script.add(status(429, Map.of("Retry-After", "1")));
        script.add(status(429, Map.of("Retry-After", "0")));
        script.add(status(429, Map.of("Retry-After", "0")));
        script.add(ok(OK_BODY, "application/json"));

        JsonNode body = fetcher(5).get(url("/offers/v1.0/aws/index.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(body.get("offers").has("AmazonEC2")).isTrue();
        assertThat(requests).hasValue(4);
        // Retry-After: 1 was honoured: the backoff alone (10-50 ms) could not have waited this long. A lower bound only.
        assertThat(arrivalsNanos.get(1) - arrivalsNanos.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
    }

    @Test
    void shouldRetryServerErrorsWhenTheyAreTransient() throws Exception {
        script.add(status(503, Map.of()));
        script.add(status(500, Map.of()));
        script.add(ok(OK_BODY, "application/json"));

        JsonNode body = fetcher(5).get(url("/x.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(body.has("offers")).isTrue();
        assertThat(requests).hasValue(3);
    }

    @Test
    void shouldNameTheUrlAndLastStatusWhenRetriesAreExhausted() {
        script.add(status(503, Map.of()));
        URI url = url("/offers/v1.0/aws/AmazonEC2/current/region_index.json");

        assertThatThrownBy(() -> fetcher(2).get(url, Map.of(), FailsafeHttpFetcherIT::readJson))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(url.toString())
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("max 2 retries");
        assertThat(requests).hasValue(3);
    }

    @Test
    void shouldGiveUpWithinTheBudgetWhenRetryAfterIsLongerThanIt() {
        script.add(status(429, Map.of("Retry-After", "3600")));
        URI url = url("/throttled.json");

        assertThatThrownBy(() -> fetcher(5, Duration.ofSeconds(5), Duration.ofMillis(300)).get(url, Map.of(), FailsafeHttpFetcherIT::readJson))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(url.toString())
                .hasMessageContaining("HTTP 429");
    }

    @Test
    void shouldFailWithATimeoutWhenTheEndpointHangs() {
        script.add(exchange -> {
            try {
                release.await(); // never answers while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        URI url = url("/hanging.json");

        assertThatThrownBy(() -> fetcher(1, Duration.ofMillis(300), Duration.ofSeconds(10)).get(url, Map.of(), FailsafeHttpFetcherIT::readJson))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(url.toString())
                .hasMessageContaining("timeout");
        assertThat(requests).hasValue(2);
    }

    @Test
    void shouldGunzipTransparentlyAndCountCompressedBytesWhenTheServerCompresses() throws Exception {
        StringBuilder big = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 2000; i++) {
            big.append(i == 0 ? "" : ",").append("{\"price\":\"0.0850000000\",\"unit\":\"Hrs\"}");
        }
        byte[] plain = big.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(plain);
        }
        byte[] compressed = zipped.toByteArray();
        script.add(exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, compressed.length);
            exchange.getResponseBody().write(compressed);
        });
        FailsafeHttpFetcher fetcher = fetcher(0);

        JsonNode body = fetcher.get(url("/big.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(body.get("items").size()).isEqualTo(2000);
        assertThat(acceptEncodings).containsExactly("gzip");
        assertThat(fetcher.bytesReceived()).isEqualTo(compressed.length).isLessThan(plain.length);
        assertThat(fetcher.bytesDecoded()).isEqualTo(plain.length);
    }

    @Test
    void shouldCountCompressedAndDecodedBytesPerRunWhenRunsShareTheFetcher() throws Exception {
        byte[] small = jsonItems(500);
        byte[] large = jsonItems(3000);
        script.add(gzipped(small));
        script.add(gzipped(large));
        FailsafeHttpFetcher fetcher = fetcher(0);
        HttpFetcher awsRun = fetcher.forRun();
        HttpFetcher azureRun = fetcher.forRun();

        awsRun.get(url("/aws.json"), Map.of(), FailsafeHttpFetcherIT::readJson);
        azureRun.get(url("/azure.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(awsRun.bytesReceived()).isEqualTo(gzip(small).length);
        assertThat(awsRun.bytesDecoded()).isEqualTo(small.length);
        assertThat(azureRun.bytesReceived()).isEqualTo(gzip(large).length);
        assertThat(azureRun.bytesDecoded()).isEqualTo(large.length);
        assertThat(fetcher.bytesReceived()).isEqualTo(gzip(small).length + gzip(large).length);
        assertThat(fetcher.bytesDecoded()).isEqualTo(small.length + large.length);
    }

    private static byte[] jsonItems(int count) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"price\":\"0.0850000000\",\"unit\":\"Hrs\",\"n\":").append(i).append('}');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(plain);
        }
        return zipped.toByteArray();
    }

    private static Reply gzipped(byte[] plain) throws IOException {
        byte[] compressed = gzip(plain);
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, compressed.length);
            exchange.getResponseBody().write(compressed);
        };
    }

    @Test
    void shouldNotRetryAndNameTheUrlWhenA200BodyIsAnHtmlPage() {
        script.add(ok("<!DOCTYPE html><html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8), "text/html"));
        URI url = url("/offers/v1.0/aws/index.json");

        assertThatThrownBy(() -> fetcher(5).get(url, Map.of(), FailsafeHttpFetcherIT::readJson))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("Cannot parse the response of GET " + url)
                .hasMessageContaining("text/html");
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldNotRetryWhenTheStatusIsAClientError() {
        script.add(status(404, Map.of()));
        URI url = url("/missing.json");

        assertThatThrownBy(() -> fetcher(5).get(url, Map.of(), FailsafeHttpFetcherIT::readJson))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining(url.toString())
                .hasMessageContaining("HTTP 404");
        assertThat(requests).hasValue(1);
    }

    @Test
    void shouldRetryWhenTheConnectionDropsMidBody() throws Exception {
        script.add(exchange -> {
            exchange.sendResponseHeaders(200, 10_000); // promises 10 000 bytes, sends 12, closes
            OutputStream out = exchange.getResponseBody();
            out.write("{\"offers\":{".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exchange.getHttpContext().getServer(); // keep the exchange referenced until close
            throw new IOException("simulated connection drop");
        });
        script.add(ok(OK_BODY, "application/json"));

        JsonNode body = fetcher(3).get(url("/dropped.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(body.get("offers").has("AmazonEC2")).isTrue();
        assertThat(requests).hasValue(2);
    }

    @Test
    void shouldTimeOutAndRetryWhenTheBodyStallsAfterTheHeaders() throws Exception {
        script.add(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            OutputStream out = exchange.getResponseBody();
            out.write("{\"offers\":{".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(); // then nothing more while the test runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        script.add(ok(OK_BODY, "application/json"));

        JsonNode body = fetcher(2, Duration.ofMillis(500), Duration.ofSeconds(20)).get(url("/stalling.json"), Map.of(), FailsafeHttpFetcherIT::readJson);

        assertThat(body.get("offers").has("AmazonEC2")).isTrue();
        assertThat(requests).hasValue(2);
    }
}
