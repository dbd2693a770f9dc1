package io.pricestream.cspsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.cspsim.testing.InMemoryApis;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS versions change only for offer files that changed, and old versions stay downloadable unchanged. */
class AwsVersionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldChangeTheVersionOnlyOfFilesWhoseContentChanged() throws IOException {
        SimulatedClouds clouds = new SimulatedClouds(20_000, 51);
        InMemoryApis apis = new InMemoryApis(clouds, 100);
        Map<String, String> urlsBefore = fileUrls(apis);
        Map<String, byte[]> bodiesBefore = new LinkedHashMap<>();
        urlsBefore.forEach((file, url) -> bodiesBefore.put(file, apis.fetch(url)));

        clouds.advance(0.0005); // a handful of AWS prices: most files keep their version

        Map<String, String> urlsAfter = fileUrls(apis);
        int changedFiles = 0;
        for (Map.Entry<String, String> file : urlsAfter.entrySet()) {
            byte[] before = bodiesBefore.get(file.getKey());
            boolean versionChanged = !file.getValue().equals(urlsBefore.get(file.getKey()));
            byte[] after = apis.fetch(file.getValue());
            String payloadBefore = payload(before);
            String payloadAfter = payload(after);
            assertThat(versionChanged).as(file.getKey()).isEqualTo(!payloadBefore.equals(payloadAfter));
            // the old version is still served exactly as before
            assertThat(apis.fetch(urlsBefore.get(file.getKey()))).as(file.getKey()).isEqualTo(before);
            changedFiles += versionChanged ? 1 : 0;
            if (!versionChanged) {
                assertThat(Arrays.equals(before, after)).as(file.getKey()).isTrue();
            }
        }
        assertThat(changedFiles).isPositive().isLessThan(urlsAfter.size());
    }

    @Test
    void shouldAnswerNotModifiedWhenTheClientHasTheCurrentVersion() {
        SimulatedClouds clouds = new SimulatedClouds(2_000, 53);
        InMemoryApis apis = new InMemoryApis(clouds, 100);
        String path = "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json";
        String etag = apis.get(path).getResponseHeaders().getFirst("ETag");
        assertThat(etag).isNotBlank();
        io.pricestream.cspsim.testing.InMemoryExchange conditional = new io.pricestream.cspsim.testing.InMemoryExchange(
                "GET", path);
        conditional.getRequestHeaders().add("If-None-Match", etag);
        assertThat(io.pricestream.cspsim.testing.InMemoryExchange.run(clouds.aws().handler(clouds.catalogue(),
                new io.pricestream.cspsim.http.FaultInjector(io.pricestream.cspsim.http.FaultConfig.NONE)), conditional)
                .status()).isEqualTo(304);
        clouds.advance(1.0);
        assertThat(apis.get(path).getResponseHeaders().getFirst("ETag")).isNotEqualTo(etag);
    }

    @Test
    void shouldAnswer404ForAVersionThatDoesNotExist() {
        InMemoryApis apis = new InMemoryApis(new SimulatedClouds(2_000, 52), 100);
        assertThat(apis.get("/offers/v1.0/aws/AmazonEC2/20190101000000/us-east-1/index.json").status()).isEqualTo(404);
        assertThat(apis.get("/offers/v1.0/aws/NoSuchOffer/current/region_index.json").status()).isEqualTo(404);
        assertThat(apis.get("/offers/v1.0/aws/AmazonEC2/current/xx-nowhere-1/index.json").status()).isEqualTo(404);
    }

    /** (offer/region) → currentVersionUrl over every offer's region index. */
    private static Map<String, String> fileUrls(InMemoryApis apis) throws IOException {
        Map<String, String> urls = new LinkedHashMap<>();
        JsonNode index = MAPPER.readTree(apis.fetch("/offers/v1.0/aws/index.json"));
        for (JsonNode offer : index.get("offers")) {
            JsonNode regions = MAPPER.readTree(apis.fetch(offer.get("currentRegionIndexUrl").asText())).get("regions");
            regions.forEach(r -> urls.put(offer.get("offerCode").asText() + "/" + r.get("regionCode").asText(),
                    r.get("currentVersionUrl").asText()));
        }
        return urls;
    }

    /** Products and terms, without the version stamps. */
    private static String payload(byte[] body) throws IOException {
        JsonNode file = MAPPER.readTree(body);
        return file.get("products").toString() + file.get("terms").toString();
    }
}
