package io.pricestream.cspsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.cspsim.http.ResponseCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sim.response.cache} over real HTTP: replays are byte-identical, never stale, never faulted. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResponseCacheIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "it-key";
    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip");
    private static final Map<String, String> GCP_GZIP = Map.of("Accept-Encoding", "gzip", "X-Goog-Api-Key", KEY);
    private static final Map<String, String> GCP_PLAIN = Map.of("X-Goog-Api-Key", KEY);
    private static final String AZURE_FIRST = "/api/retail/prices?api-version=2023-01-01-preview";
    private static final String GCP_SERVICES = "/v1/services";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<CspSimulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(CspSimulator::close);
    }

    @Test
    void shouldReplayTheLiveResponseByteForByteForEachApiWithAndWithoutGzip() {
        CspSimulator sim = start(true);
        CspSimulator twin = start(false); // finds the paths without touching sim's cache
        String offerFile = firstAwsOfferFile(twin);
        String skus = gcpSkusPath(firstGcpService(twin), null);
        Map<String, Map<String, String>> requests = new java.util.LinkedHashMap<>();
        requests.put("/offers/v1.0/aws/index.json", Map.of());
        requests.put(offerFile, Map.of());
        requests.put(AZURE_FIRST, Map.of());
        requests.put(GCP_SERVICES, GCP_PLAIN);
        requests.put(skus, GCP_PLAIN);
        for (Map.Entry<String, Map<String, String>> request : requests.entrySet()) {
            for (boolean gzip : new boolean[] {false, true}) {
                Map<String, String> headers = new java.util.HashMap<>(request.getValue());
                if (gzip) {
                    headers.put("Accept-Encoding", "gzip");
                }
                String what = request.getKey() + (gzip ? " (gzip)" : "");
                ResponseCache.Stats before = sim.cacheStats();
                HttpResponse<byte[]> live = get(sim, request.getKey(), headers);
                HttpResponse<byte[]> replayed = get(sim, request.getKey(), headers);
                ResponseCache.Stats after = sim.cacheStats();
                assertThat(after.misses() - before.misses()).as(what + " misses").isEqualTo(1);
                assertThat(after.hits() - before.hits()).as(what + " hits").isEqualTo(1);
                assertThat(live.statusCode()).as(what).isEqualTo(200);
                assertThat(replayed.statusCode()).as(what).isEqualTo(200);
                for (String header : List.of("Content-Type", "Content-Encoding", "ETag")) {
                    assertThat(replayed.headers().firstValue(header)).as(what + " " + header)
                            .isEqualTo(live.headers().firstValue(header));
                }
                assertThat(live.headers().firstValue("Content-Encoding")).as(what)
                        .isEqualTo(gzip ? Optional.of("gzip") : Optional.empty());
                assertThat(replayed.body()).as(what + " body").isEqualTo(live.body());
                json(live); // a complete, parsable body
            }
        }
        assertThat(get(sim, offerFile, GZIP).headers().firstValue("ETag")).isPresent();
    }

    @Test
    void shouldServeTheNewGenerationAfterAdvance() {
        CspSimulator cached = start(true);
        CspSimulator live = start(false);
        String offerFile = firstAwsOfferFile(live);
        String skus = gcpSkusPath(firstGcpService(live), null);
        List<String> paths = List.of(offerFile, skus, AZURE_FIRST);
        List<String> before = paths.stream().map(path -> decoded(get(cached, path, GCP_GZIP))).toList();
        paths.forEach(path -> get(cached, path, GCP_GZIP)); // now served from memory
        assertThat(cached.cacheStats().entries()).isEqualTo(paths.size());

        cached.advance(0.5);
        live.advance(0.5);

        assertThat(cached.cacheStats().entries()).as("older generation dropped").isZero();
        long hits = cached.cacheStats().hits();
        List<String> after = paths.stream().map(path -> decoded(get(cached, path, GCP_GZIP))).toList();
        assertThat(cached.cacheStats().hits()).isEqualTo(hits);
        assertThat(after).isNotEqualTo(before);
        for (int i = 0; i < 2; i++) { // Azure's links name the port, which differs between the two simulators
            assertThat(after.get(i)).as(paths.get(i)).isEqualTo(decoded(get(live, paths.get(i), GCP_GZIP)));
        }
        assertThat(decoded(get(cached, skus, GCP_GZIP))).isEqualTo(after.get(1));
        assertThat(cached.cacheStats().hits()).isEqualTo(hits + 1);
    }

    @Test
    void shouldNeitherServeNorStoreAResponseThatAFaultChanges() {
        CspSimulator sim = start(true);
        String offerFile = firstAwsOfferFile(start(false));
        String cleanPage = decoded(get(sim, AZURE_FIRST, GZIP));
        ResponseCache.Stats clean = sim.cacheStats();
        assertThat(clean.entries()).isEqualTo(1);

        sim.faults(faults(0, 0, 1)); // page loop: the next link points back at the same page
        JsonNode looped = json(get(sim, AZURE_FIRST, GZIP));
        assertThat(looped.get("NextPageLink").asText()).endsWith("$skip=0");
        sim.faults(faults(0, 1, 0)); // HTML error page with status 200
        HttpResponse<byte[]> html = get(sim, AZURE_FIRST, GZIP);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        sim.faults(faults(1, 0, 0)); // body cut after at most ~4.6 kB: an uncompressed offer file is longer
        assertThatThrownBy(() -> http.send(request(sim, offerFile, Map.of()), HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        assertThat(sim.cacheStats()).as("faulted requests neither hit nor stored").isEqualTo(clean);

        sim.faults(FaultConfig.NONE);
        assertThat(decoded(get(sim, AZURE_FIRST, GZIP))).isEqualTo(cleanPage);
        assertThat(sim.cacheStats().hits()).isEqualTo(clean.hits() + 1);
    }

    @Test
    void shouldAnswerAScraperShapedCrawlEntirelyFromMemoryAfterPrerender() {
        CspSimulator sim = start(true);
        for (int generation = 0; generation < 2; generation++) {
            PrerenderResult result = sim.prerender();
            assertThat(result.generation()).isEqualTo(generation);
            assertThat(result.requests()).isPositive().isEqualTo(result.rendered());
            assertThat(result.storedBytes()).isPositive().isEqualTo(sim.cacheStats().bytes());
            ResponseCache.Stats prerendered = sim.cacheStats();

            long requests = scraperShapedCrawl(sim);

            ResponseCache.Stats crawled = sim.cacheStats();
            assertThat(requests).isEqualTo(result.requests());
            assertThat(crawled.misses()).as("misses during the crawl").isEqualTo(prerendered.misses());
            assertThat(crawled.hits() - prerendered.hits()).isEqualTo(requests);
            sim.advance(0.01);
        }
    }

    @Test
    void shouldStoreNothingWhenTheCacheIsOff() {
        CspSimulator sim = start(false);
        for (int i = 0; i < 2; i++) {
            assertThat(get(sim, AZURE_FIRST, GZIP).statusCode()).isEqualTo(200);
            assertThat(get(sim, GCP_SERVICES, GCP_GZIP).statusCode()).isEqualTo(200);
        }
        assertThat(sim.cacheStats()).isEqualTo(new ResponseCache.Stats(0, 0, 0, 0));
        assertThatThrownBy(sim::prerender).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sim.response.cache=true");
    }

    /**
     * The requests of a full scrape, shaped as the scrapers module sends them (AwsBulkScraper, AzureRetailQuery,
     * GcpCatalogScraper): gzip, the GCP key in a header, GCP skus with currencyCode and pageSize 5000. Written
     * independently of SimPrerenderer so that a drift in either shows as misses.
     */
    private long scraperShapedCrawl(CspSimulator sim) {
        long requests = 0;
        JsonNode index = json(get(sim, "/offers/v1.0/aws/index.json", GZIP));
        requests++;
        for (JsonNode offer : index.get("offers")) {
            JsonNode regions = json(get(sim, offer.get("currentRegionIndexUrl").asText(), GZIP)).get("regions");
            requests++;
            for (JsonNode region : regions) {
                assertThat(get(sim, region.get("currentVersionUrl").asText(), GZIP).statusCode()).isEqualTo(200);
                requests++;
            }
        }
        String link = sim.url() + AZURE_FIRST;
        while (link != null) {
            JsonNode page = json(send(HttpRequest.newBuilder(URI.create(link)).header("Accept-Encoding", "gzip").build()));
            requests++;
            link = page.get("NextPageLink").isNull() ? null : page.get("NextPageLink").asText();
        }
        JsonNode services = json(get(sim, GCP_SERVICES, GCP_GZIP));
        requests++;
        assertThat(services.get("nextPageToken").asText()).isEmpty();
        for (JsonNode service : services.get("services")) {
            String token = null;
            do {
                JsonNode page = json(get(sim, gcpSkusPath(service.get("serviceId").asText(), token), GCP_GZIP));
                requests++;
                token = page.get("nextPageToken").asText();
            } while (!token.isEmpty());
        }
        return requests;
    }

    private CspSimulator start(boolean cache) {
        CspSimulator sim = CspSimulator.start(CspSimConfig.builder().scale(4_000).seed(61).gcpApiKey(KEY)
                .azurePageSize(100).responseCache(cache).build());
        started.add(sim);
        return sim;
    }

    private static FaultConfig faults(double truncateRate, double htmlRate, double pageLoopRate) {
        return new FaultConfig(1, 0, 1, 0, 0, 0, truncateRate, htmlRate, pageLoopRate);
    }

    private String firstAwsOfferFile(CspSimulator sim) {
        JsonNode offer = json(get(sim, "/offers/v1.0/aws/index.json", Map.of())).get("offers").elements().next();
        JsonNode regions = json(get(sim, offer.get("currentRegionIndexUrl").asText(), Map.of())).get("regions");
        return regions.elements().next().get("currentVersionUrl").asText();
    }

    private String firstGcpService(CspSimulator sim) {
        return json(get(sim, GCP_SERVICES, GCP_PLAIN)).get("services").get(0).get("serviceId").asText();
    }

    private static String gcpSkusPath(String service, String token) {
        return GCP_SERVICES + "/" + service + "/skus?currencyCode=USD&pageSize=5000"
                + (token == null || token.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> get(CspSimulator sim, String path, Map<String, String> headers) {
        return send(request(sim, path, headers));
    }

    private static HttpRequest request(CspSimulator sim, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.url() + path));
        headers.forEach(request::header);
        return request.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        return SimHttp.send(http, request);
    }

    private static String decoded(HttpResponse<byte[]> response) {
        try {
            byte[] body = response.body();
            if (response.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return MAPPER.readTree(decoded(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
