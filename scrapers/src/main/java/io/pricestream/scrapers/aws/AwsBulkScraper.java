package io.pricestream.scrapers.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.http.BoundedParallel;

/**
 * Scrapes the AWS Price List bulk files: offer index → each in-scope offer's region index → each in-scope region's
 * current offer file, parsed by {@link AwsOfferParser}.
 *
 * <p>Conditional fetch: an offer file whose version (the path segment before the region in the region index's
 * {@code currentVersionUrl}) equals the previous good run's version of {@code <offerCode>/<region>} is not downloaded;
 * it is listed in {@link ScrapeResult#skippedSources()} and its version is still reported, so the next run can skip
 * it again. Offer files are downloaded and parsed {@code scrapers.http.parallelism} at a time; records reach the
 * consumer from several threads (the run's consumer is synchronised).
 */
public final class AwsBulkScraper implements PriceScraper {

    private static final Logger LOG = LoggerFactory.getLogger(AwsBulkScraper.class);
    public static final String OFFER_INDEX_PATH = "/offers/v1.0/aws/index.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int parallelism;

    public AwsBulkScraper() {
        this(2);
    }

    public AwsBulkScraper(ScraperConfig config) {
        this(config.getInt(ScraperConfig.HTTP_PARALLELISM));
    }

    public AwsBulkScraper(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public String csp() {
        return "aws";
    }

    /** One offer file to read. */
    private record OfferFile(String offerCode, String region, String version, URI url) {
        String name() {
            return offerCode + "/" + region;
        }
    }

    @Override
    public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException {
        long bytesAtStart = context.fetcher().bytesReceived();
        Map<String, URI> regionIndexes = offers(context);

        List<Map.Entry<String, URI>> offers = new ArrayList<>(regionIndexes.entrySet());
        List<List<OfferFile>> perOffer = BoundedParallel.map(offers, parallelism, "aws-region-index",
                offer -> regionFiles(context, offer.getKey(), offer.getValue()));

        Map<String, String> versions = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        List<OfferFile> toFetch = new ArrayList<>();
        for (List<OfferFile> files : perOffer) {
            for (OfferFile file : files) {
                String previous = context.previousVersions().get(file.name());
                if (file.version() != null) {
                    versions.put(file.name(), file.version());
                }
                if (file.version() != null && file.version().equals(previous)) {
                    skipped.add(file.name());
                } else {
                    toFetch.add(file);
                }
            }
        }
        if (!context.scope().regions().isEmpty() && versions.isEmpty() && toFetch.isEmpty()) {
            LOG.warn("No in-scope offer has a file for regions {}", context.scope().regions());
        }
        LOG.info("AWS: {} offer files to download, {} unchanged since the last good run", toFetch.size(), skipped.size());

        AwsOfferParser parser = new AwsOfferParser(context.units(), context.runId(), context.observedAt());
        List<AwsOfferParser.Stats> stats = BoundedParallel.map(toFetch, parallelism, "aws-offer", file -> {
            context.progress().sourceStarted(file.name());
            long before = context.fetcher().bytesReceived();
            AwsOfferParser.Stats s = context.fetcher().get(file.url(), Map.of(),
                    body -> parser.parse(body, new AwsOfferParser.Source(file.offerCode(), file.region(), file.version(), file.url().toString()), out));
            // bytes is approximate under parallel downloads (the counter is shared); the run total is exact.
            context.progress().sourceFinished(file.name(), s.records(), context.fetcher().bytesReceived() - before);
            return s;
        });
        for (int i = 0; i < toFetch.size(); i++) {
            OfferFile file = toFetch.get(i);
            AwsOfferParser.Stats s = stats.get(i);
            if (s.version() != null) {
                versions.put(file.name(), s.version());
            }
            LOG.debug("AWS offer file '{}': {} products, {} records, {} products without terms", file.name(), s.products(),
                    s.records(), s.productsWithoutTerms());
        }
        return new ScrapeResult(versions, skipped, context.fetcher().bytesReceived() - bytesAtStart);
    }

    /** In-scope offer code → region index URL, from the offer index. Unknown requested services fail the run. */
    private Map<String, URI> offers(ScrapeContext context) throws ScrapeException {
        URI indexUrl = context.apiBase().resolve(OFFER_INDEX_PATH);
        JsonNode index = context.fetcher().get(indexUrl, Map.of(), body -> JSON.readTree(body));
        JsonNode offers = index == null ? null : index.get("offers");
        if (offers == null || !offers.isObject()) {
            throw new ScrapeException("AWS offer index " + indexUrl + " has no 'offers' object");
        }
        Map<String, URI> selected = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = offers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> offer = it.next();
            if (!context.scope().includesService(offer.getKey())) {
                continue;
            }
            JsonNode url = offer.getValue().get("currentRegionIndexUrl");
            if (url == null || !url.isTextual()) {
                throw new ScrapeException("AWS offer index " + indexUrl + ": offer '" + offer.getKey() + "' has no currentRegionIndexUrl");
            }
            selected.put(offer.getKey(), context.apiBase().resolve(url.asText()));
        }
        for (String wanted : context.scope().services()) {
            if (selected.keySet().stream().noneMatch(code -> code.equalsIgnoreCase(wanted))) {
                throw new ScrapeException("AWS offer index " + indexUrl + " has no offer '" + wanted + "' (offer codes are case-insensitive "
                        + "here, e.g. AmazonEC2, AmazonS3, AWSLambda)");
            }
        }
        return selected;
    }

    private List<OfferFile> regionFiles(ScrapeContext context, String offerCode, URI regionIndexUrl) throws ScrapeException {
        JsonNode index = context.fetcher().get(regionIndexUrl, Map.of(), body -> JSON.readTree(body));
        JsonNode regions = index == null ? null : index.get("regions");
        if (regions == null || !regions.isObject()) {
            throw new ScrapeException("AWS region index " + regionIndexUrl + " has no 'regions' object");
        }
        List<OfferFile> files = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = regions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode regionNode = entry.getValue().get("regionCode");
            String region = regionNode != null && regionNode.isTextual() ? regionNode.asText() : entry.getKey();
            if (!context.scope().includesRegion(region)) {
                continue;
            }
            JsonNode url = Optional.ofNullable(entry.getValue().get("currentVersionUrl")).orElse(entry.getValue().get("versionUrl"));
            if (url == null || !url.isTextual()) {
                throw new ScrapeException("AWS region index " + regionIndexUrl + ": region '" + region + "' has no currentVersionUrl");
            }
            files.add(new OfferFile(offerCode, region, versionOf(url.asText(), region), context.apiBase().resolve(url.asText())));
        }
        return files;
    }

    /**
     * The version id in {@code /offers/v1.0/aws/<offer>/<version>/<region>/index.json}; null when the URL names no
     * version ({@code current}) — such a file is always downloaded and its version read from the file itself.
     */
    static String versionOf(String path, String region) {
        String[] segments = URI.create(path).getPath().split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (segments[i].equals(region)) {
                String candidate = segments[i - 1];
                return candidate.isEmpty() || candidate.equals("current") ? null : candidate;
            }
        }
        return null;
    }

}
