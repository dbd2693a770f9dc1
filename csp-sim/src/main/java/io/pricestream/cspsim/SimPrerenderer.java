package io.pricestream.cspsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Crawls the simulator's own HTTP API the way the pricestream scrapers do (same URIs byte for byte, same
 * {@code Accept-Encoding: gzip}, the GCP key in {@code X-Goog-Api-Key}), so that the response cache ends up
 * holding every response a full scrape of the current generation asks for. Going through HTTP rather than
 * calling the handlers keeps one code path: what is cached is exactly what a scraper's request would get.
 *
 * <p>If a scraper's URI ever differs from these, its request just misses and is rendered live.
 */
final class SimPrerenderer {
    /** The scrapers' paths and fixed parameters (scrapers module: AwsBulkScraper, AzureRetailQuery, GcpCatalogScraper). */
    static final String AWS_OFFER_INDEX = "/offers/v1.0/aws/index.json";
    static final String AZURE_FIRST_PAGE = "/api/retail/prices?api-version=2023-01-01-preview";
    static final String GCP_SERVICES = "/v1/services";
    static final String GCP_SKUS_QUERY = "/skus?currencyCode=USD&pageSize=5000";
    static final String GCP_KEY_HEADER = "X-Goog-Api-Key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String gcpApiKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicLong requests = new AtomicLong();

    SimPrerenderer(String baseUrl, String gcpApiKey) {
        this.base = URI.create(baseUrl);
        this.gcpApiKey = gcpApiKey;
    }

    /** Requests every response once; returns how many requests were made. Fails on any non-200 answer. */
    long crawl() {
        // Rendering is CPU-bound on the server side: one more client than cores keeps the cores busy.
        int threads = Math.max(3, Runtime.getRuntime().availableProcessors() + 1);
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "csp-sim-prerender-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(this::azure));
            work.add(pool.submit(this::gcp));
            for (URI file : awsOfferFiles()) {
                work.add(pool.submit(() -> send(file, Map.of(), HttpResponse.BodyHandlers.discarding())));
            }
            for (Future<?> future : work) {
                future.get();
            }
            return requests.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pre-rendering csp-sim's responses", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Offer index → each offer's current region index → each region's offer file, resolved as AwsBulkScraper does. */
    private List<URI> awsOfferFiles() {
        List<URI> files = new ArrayList<>();
        JsonNode offers = get(base.resolve(AWS_OFFER_INDEX), Map.of()).path("offers");
        for (JsonNode offer : offers) {
            URI regionIndex = base.resolve(offer.path("currentRegionIndexUrl").asText());
            for (Iterator<JsonNode> it = get(regionIndex, Map.of()).path("regions").elements(); it.hasNext(); ) {
                JsonNode region = it.next();
                JsonNode url = region.has("currentVersionUrl") ? region.get("currentVersionUrl") : region.get("versionUrl");
                files.add(base.resolve(url.asText()));
            }
        }
        return files;
    }

    /** Follows {@code NextPageLink} from the scrapers' first page (no {@code $filter}: the bench scrapes everything). */
    private void azure() {
        URI page = URI.create(stripSlash() + AZURE_FIRST_PAGE);
        while (page != null) {
            JsonNode link = get(page, Map.of()).path("NextPageLink");
            page = link.isTextual() ? URI.create(link.asText().replace(" ", "%20")) : null;
        }
    }

    /** Services pages, then every service's skus pages, following {@code nextPageToken}. */
    private void gcp() {
        Map<String, String> key = Map.of(GCP_KEY_HEADER, gcpApiKey);
        List<String> services = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = get(URI.create(stripSlash() + GCP_SERVICES + pageToken('?', token)), key);
            page.path("services").forEach(service -> services.add(service.path("serviceId").asText()));
            token = page.path("nextPageToken").asText("");
        } while (!token.isEmpty());
        for (String service : services) {
            do {
                JsonNode page = get(URI.create(stripSlash() + GCP_SERVICES + "/" + service + GCP_SKUS_QUERY
                        + pageToken('&', token)), key);
                token = page.path("nextPageToken").asText("");
            } while (!token.isEmpty());
        }
    }

    private static String pageToken(char separator, String token) {
        return token == null || token.isEmpty() ? "" : separator + "pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private String stripSlash() {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A response whose links the crawl follows, decoded. */
    private JsonNode get(URI uri, Map<String, String> headers) {
        HttpResponse<byte[]> response = send(uri, headers, HttpResponse.BodyHandlers.ofByteArray());
        boolean gzip = response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
        try (InputStream body = gzip ? new GZIPInputStream(new ByteArrayInputStream(response.body()))
                : new ByteArrayInputStream(response.body())) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("pre-rendering csp-sim: cannot read the body of GET " + uri.getPath(), e);
        }
    }

    /** Sends a GET as the scrapers do; anything but a 200 fails, since only a 200 is cached. */
    private <T> HttpResponse<T> send(URI uri, Map<String, String> headers, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip")
                .header("Accept", "application/json").GET();
        headers.forEach(request::header);
        try {
            HttpResponse<T> response = http.send(request.build(), body);
            requests.incrementAndGet();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("pre-rendering csp-sim: GET " + uri.getPath() + " answered HTTP "
                        + response.statusCode() + ", so it cannot be cached");
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("pre-rendering csp-sim: GET " + uri.getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pre-rendering csp-sim's responses", e);
        }
    }
}
