package io.pricestream.cspsim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.cspsim.catalogue.Csp;
import io.pricestream.cspsim.testing.ReferenceScraper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator over real HTTP: paging, gzip, the GCP key, the admin endpoints and every fault knob. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CspSimulatorIT {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String KEY = "it-key";
    private static CspSimulator sim;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        sim = CspSimulator.start(CspSimConfig.builder().scale(4_000).seed(61).gcpApiKey(KEY).azurePageSize(100).build());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        post("/_sim/faults");
    }

    @ParameterizedTest
    @EnumSource(Csp.class)
    void shouldServeExactlyTheTruthOverHttp(Csp csp) {
        Map<String, ReferenceScraper.Point> served = new ReferenceScraper(path -> {
            HttpResponse<byte[]> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        }, KEY).scrape(csp);
        assertThat(ReferenceScraper.differences(ReferenceScraper.expected(sim.truth(), csp), served)).isEmpty();
    }

    @Test
    void shouldFollowAbsoluteNextPageLinksUntilNullWhenPagingAzure() throws IOException {
        String link = sim.url() + "/api/retail/prices?api-version=2023-01-01-preview&$filter="
                + "serviceName%20eq%20%27Virtual%20Machines%27%20and%20(armRegionName%20eq%20%27eastus%27%20or%20"
                + "armRegionName%20eq%20%27westus%27)";
        long items = 0;
        int pages = 0;
        while (link != null) {
            assertThat(link).startsWith(sim.url() + "/api/retail/prices?");
            JsonNode page = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(link)).build()).body());
            items += page.get("Count").asLong();
            pages++;
            link = page.get("NextPageLink").isNull() ? null : page.get("NextPageLink").asText();
        }
        long[] expected = {0};
        sim.truth().forEach(Csp.AZURE, p -> {
            if (p.service().equals("Virtual Machines") && (p.region().equals("eastus") || p.region().equals("westus"))
                    && !p.purchaseOption().equals("SAVINGS_PLAN")) {
                expected[0]++;
            }
        });
        assertThat(items).isEqualTo(expected[0]);
        assertThat(pages).isEqualTo((int) ((expected[0] + 99) / 100));
    }

    @Test
    void shouldPageGcpSkusWithPageTokensUntilEmpty() throws IOException {
        String token = "";
        long points = 0;
        int pages = 0;
        do {
            JsonNode page = json("/v1/services/6F81-5844-456A/skus?key=" + KEY + "&pageSize=7"
                    + (token.isEmpty() ? "" : "&pageToken=" + token));
            assertThat(page.get("skus").size()).isLessThanOrEqualTo(7);
            for (JsonNode sku : page.get("skus")) {
                points += (long) sku.get("serviceRegions").size()
                        * sku.get("pricingInfo").get(0).get("pricingExpression").get("tieredRates").size();
            }
            token = page.get("nextPageToken").asText();
            pages++;
        } while (!token.isEmpty());
        assertThat(pages).isGreaterThan(1);
        assertThat(points).isEqualTo(sim.truth().countsByService(Csp.GCP).get("Compute Engine"));
    }

    @Test
    void shouldGzipWhenTheClientAcceptsIt() throws IOException {
        String path = "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json";
        HttpResponse<byte[]> plain = get(path, Map.of());
        HttpResponse<byte[]> zipped = get(path, Map.of("Accept-Encoding", "gzip"));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(zipped.body().length).isLessThan(plain.body().length);
    }

    @Test
    void shouldRefuseGcpCallsWithoutTheRightKey() throws IOException {
        HttpResponse<byte[]> missing = get("/v1/services", Map.of());
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(missing.body()).get("error").get("status").asText()).isEqualTo("PERMISSION_DENIED");
        HttpResponse<byte[]> wrong = get("/v1/services?key=wrong", Map.of());
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(wrong.body()).get("error").get("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(get("/v1/services", Map.of("X-Goog-Api-Key", KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAdvanceAndReportTruthThroughTheAdminEndpoints() throws IOException {
        int before = sim.generation();
        JsonNode advanced = MAPPER.readTree(post("/_sim/advance?share=0.1").body());
        assertThat(advanced.get("generation").asInt()).isEqualTo(before + 1).isEqualTo(sim.generation());
        assertThat(advanced.get("changed").get("aws").asLong())
                .isEqualTo(Math.round(0.1 * advanced.get("stable").get("aws").asLong()));
        JsonNode truth = json("/_sim/truth?csp=aws");
        assertThat(truth.get("generation").asInt()).isEqualTo(sim.generation());
        assertThat(truth.get("total").asLong()).isEqualTo(sim.truth().total(Csp.AWS));
        assertThat(truth.get("services").get("AmazonEC2").get("regions").get("us-east-1").asLong())
                .isEqualTo(sim.truth().countsByServiceAndRegion(Csp.AWS).get("AmazonEC2").get("us-east-1"));
        assertThat(get("/_sim/truth?csp=oracle", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenThrottling() {
        post("/_sim/faults?throttle.rate=1&throttle.retry.after.s=7");
        HttpResponse<byte[]> response = get("/offers/v1.0/aws/index.json", Map.of());
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        HttpResponse<byte[]> azure = get("/api/retail/prices", Map.of());
        assertThat(azure.statusCode()).isEqualTo(429);
    }

    @Test
    void shouldAnswer5xxWhenErrorRateIsSet() throws IOException {
        post("/_sim/faults?error.rate=1");
        HttpResponse<byte[]> response = get("/v1/services?key=" + KEY, Map.of());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(MAPPER.readTree(response.body()).get("error").get("status").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void shouldAnswerAnHtmlPageWithStatus200WhenHtmlRateIsSet() {
        post("/_sim/faults?html.rate=1");
        HttpResponse<byte[]> response = get("/api/retail/prices", Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(new String(response.body())).startsWith("<!DOCTYPE html>");
    }

    @Test
    void shouldCutTheBodyMidwayWhenTruncateRateIsSet() {
        post("/_sim/faults?truncate.rate=1");
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.url()
                + "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json")).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldDelayTheResponseWhenSlowRateIsSet() {
        post("/_sim/faults?slow.rate=1&slow.delay.ms=5000");
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.url() + "/offers/v1.0/aws/index.json"))
                .timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void shouldRepeatTheSamePageLinkWhenPageLoopRateIsSet() throws IOException {
        post("/_sim/faults?page.loop.rate=1");
        JsonNode azure = json("/api/retail/prices?api-version=2023-01-01-preview&$skip=300");
        assertThat(azure.get("NextPageLink").asText()).endsWith("$skip=300");
        JsonNode first = json("/v1/services/6F81-5844-456A/skus?key=" + KEY + "&pageSize=5");
        String token = first.get("nextPageToken").asText();
        assertThat(token).isNotEmpty();
        JsonNode again = json("/v1/services/6F81-5844-456A/skus?key=" + KEY + "&pageSize=5&pageToken=" + token);
        assertThat(again.get("skus")).isEqualTo(first.get("skus"));
        assertThat(again.get("nextPageToken").asText()).isEqualTo(token);
    }

    @Test
    void shouldReportAndValidateFaultKnobsThroughTheAdminEndpoint() throws IOException {
        JsonNode set = MAPPER.readTree(post("/_sim/faults?sim.fault.error.rate=0.5&slow.delay.ms=10").body());
        assertThat(set.get("error.rate").asDouble()).isEqualTo(0.5);
        assertThat(json("/_sim/faults").get("slow.delay.ms").asInt()).isEqualTo(10);
        HttpResponse<byte[]> bad = post("/_sim/faults?error.rate=2");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body())).contains("sim.fault.error.rate");
    }

    private static JsonNode json(String path) throws IOException {
        HttpResponse<byte[]> response = get(path, Map.of());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.url() + path));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    private static HttpResponse<byte[]> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(sim.url() + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        return SimHttp.send(http, request);
    }
}
