package io.pricestream.bench.limits;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;
import io.pricestream.cspsim.CspSimConfig;
import io.pricestream.cspsim.CspSimulator;
import io.pricestream.scrapers.aws.AwsOfferParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 8 parse limit: downloads every AWS bulk offer file of a csp-sim catalogue at the run's scale once
 * (to disk, outside the window), then scans all their bytes with a Jackson streaming parser, counting
 * {@code pricePerUnit} objects as price points. The window is the token scan only: no objects, no records,
 * just what any streaming parser must at least do.
 */
public final class ParseLimitScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(ParseLimitScenario.class);
    public static final String NAME = "parse-limit";
    private static final String AWS_INDEX = "/offers/v1.0/aws/index.json";

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) throws IOException, InterruptedException {
        long scale = Math.min(context.options().scale(), 5_000_000L);
        Path dir = Files.createDirectories(context.workDir().resolve("aws-offers"));
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        try (CspSimulator sim = CspSimulator.start(CspSimConfig.builder().scale(scale).seed(context.options().seed()).build())) {
            Set<String> regionIndexes = new LinkedHashSet<>();
            get(sim.url() + AWS_INDEX).findValuesAsText("currentRegionIndexUrl").forEach(regionIndexes::add);
            for (String regionIndex : regionIndexes) {
                for (String offerFile : get(sim.url() + regionIndex).findValuesAsText("currentVersionUrl")) {
                    Path file = dir.resolve("offer-" + files.size() + ".json");
                    HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(sim.url() + offerFile)).build(),
                            HttpResponse.BodyHandlers.ofFile(file));
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("csp-sim answered " + response.statusCode() + " for " + offerFile);
                    }
                    files.add(file);
                    bytes += Files.size(file);
                }
            }
        }
        LOG.info("Downloaded {} AWS offer files, {} MiB", files.size(), bytes >> 20);
        JsonFactory factory = AwsOfferParser.jsonFactory();
        long prices = 0;
        long tokens = 0;
        long started = System.nanoTime();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file); JsonParser parser = factory.createParser(in)) {
                JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    tokens++;
                    if (token == JsonToken.FIELD_NAME && "pricePerUnit".equals(parser.currentName())) {
                        prices++;
                    }
                }
            }
        }
        long finished = System.nanoTime();
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
        double seconds = (finished - started) / 1e9;
        report.stage(StageResult.limit(NAME, prices, Duration.ofNanos(finished - started), String.format(java.util.Locale.ROOT,
                "Jackson JsonParser.nextToken() (the AWS scraper's JsonFactory: field names not canonicalised) over %d AWS bulk offer files of csp-sim at scale %d (%,d bytes, %,d tokens, "
                        + "%.0f MB/s), read from local files downloaded once before the window; records = pricePerUnit objects "
                        + "(AWS price points only: Azure and GCP pages not included)",
                files.size(), scale, bytes, tokens, bytes / seconds / 1e6)));
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("csp-sim answered " + response.statusCode() + " for " + url);
        }
        return mapper.readTree(response.body());
    }
}
