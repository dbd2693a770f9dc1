package io.pricestream.scrapers.gcp;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.http.HttpFetcher;

/**
 * Scrapes the GCP Cloud Billing Catalog API v1: {@code GET {apiBase}/v1/services} (all pages), then for every
 * service in scope (matched by {@code serviceId} or {@code displayName}, case-insensitive)
 * {@code GET {apiBase}/v1/services/{serviceId}/skus?currencyCode=USD&pageSize=5000}, following
 * {@code nextPageToken} until it is empty. A token that comes back a second time is a page loop and fails the run.
 *
 * <p>The API key comes from the constructor or the {@value GcpApiKey#ENV} environment variable and travels in the
 * {@code X-Goog-Api-Key} header, never in a URL, so no URL that is logged or named in an error carries it; every
 * exception this class throws is additionally scrubbed of it.
 * A SKU page is parsed completely before any of its records is emitted, so an HTTP retry of a page can never emit
 * a record twice; a SKU repeated on a later page is emitted once.
 */
public final class GcpCatalogScraper implements PriceScraper {

    /** The public API; give {@link ScrapeContext#apiBase()} another base (csp-sim) to scrape elsewhere. */
    public static final URI DEFAULT_API_BASE = URI.create("https://cloudbilling.googleapis.com");
    /** Environment variable holding the API key when none is configured. */
    public static final String KEY_ENV = GcpApiKey.ENV;
    static final int PAGE_SIZE = 5000;
    static final String CURRENCY = "USD";

    private static final Logger LOG = LoggerFactory.getLogger(GcpCatalogScraper.class);

    private final String configuredKey;
    private final UnaryOperator<String> environment;

    /** Reads the key from {@value GcpApiKey#ENV} when a run starts. */
    public GcpCatalogScraper() {
        this(null);
    }

    /** Uses {@code apiKey} when it is non-blank, else {@value GcpApiKey#ENV}. */
    public GcpCatalogScraper(String apiKey) {
        this(apiKey, System::getenv);
    }

    GcpCatalogScraper(String apiKey, UnaryOperator<String> environment) {
        this.configuredKey = apiKey;
        this.environment = environment;
    }

    @Override
    public String csp() {
        return GcpPriceMapper.CSP;
    }

    @Override
    public ScrapeResult scrape(ScrapeContext context, PriceConsumer out) throws ScrapeException {
        GcpApiKey key = GcpApiKey.resolve(configuredKey, environment);
        String base = base(context.apiBase());
        long bytesBefore = context.fetcher().bytesReceived();
        List<GcpService> services = inScope(listServices(context, key, base), context.scope());
        GcpPriceMapper mapper = new GcpPriceMapper(context.runId(), context.observedAt(), context.units(), context.scope());
        Map<String, String> versions = new LinkedHashMap<>();
        long total = 0;
        for (GcpService service : services) {
            total += scrapeService(context, key, base, service, mapper, out);
            versions.put(source(service), "v1");
        }
        long bytes = context.fetcher().bytesReceived() - bytesBefore;
        LOG.info("GCP catalog: {} services, {} records", services.size(), total);
        return new ScrapeResult(versions, List.of(), bytes);
    }

    private List<GcpService> listServices(ScrapeContext context, GcpApiKey key, String base) throws ScrapeException {
        GcpServicesParser parser = new GcpServicesParser();
        List<GcpService> services = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = null;
        do {
            String url = base + "/v1/services" + pageToken('?', token);
            GcpServicesPage page = get(context, key, url, body -> parser.parse(body, url));
            services.addAll(page.services());
            token = followed(tokens, page.nextPageToken(), url);
        } while (token != null);
        return services;
    }

    private long scrapeService(ScrapeContext context, GcpApiKey key, String base, GcpService service,
                               GcpPriceMapper mapper, PriceConsumer out) throws ScrapeException {
        String source = source(service);
        context.progress().sourceStarted(source);
        long bytesBefore = context.fetcher().bytesReceived();
        GcpSkuParser parser = new GcpSkuParser();
        Set<String> tokens = new HashSet<>();
        Set<String> skuIds = new HashSet<>();
        long records = 0;
        long repeats = 0;
        String token = null;
        do {
            String url = base + "/v1/services/" + service.serviceId() + "/skus?currencyCode=" + CURRENCY
                    + "&pageSize=" + PAGE_SIZE + pageToken('&', token);
            LOG.debug("Reading GCP page '{}'", url);
            List<GcpSku> skus = new ArrayList<>();
            GcpSkuPage page = get(context, key, url, body -> {
                skus.clear(); // a retried page starts over
                return parser.parse(body, url, skus::add);
            });
            for (GcpSku sku : skus) {
                if (skuIds.add(sku.skuId())) {
                    records += mapper.emit(sku, service.serviceId(), out);
                } else {
                    repeats++;
                }
            }
            token = followed(tokens, page.nextPageToken(), url);
        } while (token != null);
        context.progress().sourceFinished(source, records, context.fetcher().bytesReceived() - bytesBefore);
        LOG.info("GCP service '{}' ('{}'): {} SKUs, {} repeated SKUs dropped, {} records",
                service.displayName(), service.serviceId(), skuIds.size(), repeats, records);
        return records;
    }

    /** The services the scope asks for; a scope entry that names no service fails the run (it is a typo). */
    static List<GcpService> inScope(List<GcpService> services, ScrapeScope scope) throws ScrapeException {
        List<GcpService> selected = new ArrayList<>();
        for (GcpService service : services) {
            if (scope.includesService(service.serviceId(), service.displayName())) {
                selected.add(service);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String wanted : scope.services()) {
            if (services.stream().noneMatch(s -> s.serviceId().equalsIgnoreCase(wanted) || s.displayName().equalsIgnoreCase(wanted))) {
                unknown.add(wanted);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ScrapeException("GCP scope names services the catalog does not list (neither serviceId nor "
                    + "displayName): " + unknown);
        }
        return selected;
    }

    private <T> T get(ScrapeContext context, GcpApiKey key, String url, HttpFetcher.BodyReader<T> reader) throws ScrapeException {
        try {
            return context.fetcher().get(URI.create(url), key.headers(), reader);
        } catch (ScrapeException e) {
            throw key.scrub(e);
        } catch (RuntimeException e) {
            throw key.scrub(new ScrapeException("GCP request '" + key.mask(url) + "' failed: " + e, e));
        }
    }

    private static String followed(Set<String> tokens, String next, String page) throws ScrapeException {
        if (next != null && !tokens.add(next)) {
            throw new ScrapeException("GCP page loop: page '" + page + "' returned nextPageToken '" + next
                    + "', which this listing has already followed");
        }
        return next;
    }

    private static String pageToken(char separator, String token) {
        return token == null ? "" : separator + "pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static String base(URI apiBase) {
        String base = apiBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** {@code <displayName>/services/<serviceId>}: the run names sources {@code <service>/<...>}. */
    private static String source(GcpService service) {
        return service.displayName() + "/services/" + service.serviceId();
    }
}
