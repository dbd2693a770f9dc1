package io.pricestream.scrapers.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.pricestream.schemas.Topics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.config.KafkaClientScope;
import io.pricestream.schemas.registry.SchemaRegistryConfig;
import io.pricestream.scrapers.core.ScrapeScope;

/**
 * Typed configuration of the scrapers: where to publish, how to fetch, what to scrape, which quality gates apply.
 *
 * <p>Every key is declared once in {@link #CONFIG_DEF}; the README table is rendered from it. Per-CSP keys
 * ({@code scrapers.<csp>.endpoint}, {@code scrapers.services.<csp>}, {@code scrapers.regions.<csp>}) exist for
 * {@code aws}, {@code azure} and {@code gcp}.
 */
public final class ScraperConfig extends ComponentConfig {

    public static final String BOOTSTRAP_SERVERS = "scrapers.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "scrapers.schema.registry.url";
    public static final String SCHEMA_REGISTRY_USER_INFO = "scrapers.schema.registry.basic.auth.user.info";
    public static final String PRODUCER_MAX_BLOCK_MS = "scrapers.producer.max.block.ms";
    public static final String PRODUCER_DELIVERY_TIMEOUT_MS = "scrapers.producer.delivery.timeout.ms";
    public static final String PRODUCER_COMPRESSION = "scrapers.producer.compression.type";
    public static final String RUNS_READ_TIMEOUT_MS = "scrapers.runs.read.timeout.ms";
    public static final String TOPIC_RAW_PREFIX = "scrapers.topic.raw.prefix";
    public static final String TOPIC_RUNS = "scrapers.topic.runs";

    public static final String HTTP_TIMEOUT_MS = "scrapers.http.timeout.ms";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "scrapers.http.connect.timeout.ms";
    public static final String HTTP_RETRIES_MAX = "scrapers.http.retries.max";
    public static final String HTTP_BACKOFF_INITIAL_MS = "scrapers.http.backoff.initial.ms";
    public static final String HTTP_BACKOFF_MAX_MS = "scrapers.http.backoff.max.ms";
    public static final String HTTP_RETRY_BUDGET_MS = "scrapers.http.retry.budget.ms";
    public static final String HTTP_PARALLELISM = "scrapers.http.parallelism";

    public static final String GCP_API_KEY = "scrapers.gcp.api.key";

    public static final String QUALITY_PRICE_MAX = "scrapers.quality.price.max";
    public static final String QUALITY_ROWS_MIN = "scrapers.quality.rows.min";
    public static final String QUALITY_SERVICE_ROWS = "scrapers.quality.service.rows";
    public static final String QUALITY_TIERED_MIN = "scrapers.quality.tiered.min";
    public static final String QUALITY_SHRINK_MAX_PCT = "scrapers.quality.shrink.max.pct";
    public static final String QUALITY_WEBHOOK_URL = "scrapers.quality.webhook.url";

    public static final String CONDITIONAL_FETCH_ENABLED = "scrapers.conditional.fetch.enabled";
    public static final String PROGRESS_LOG_INTERVAL_MS = "scrapers.progress.log.interval.ms";

    /** Default API bases of the real CSP APIs. */
    public static final Map<String, String> DEFAULT_ENDPOINTS = Map.of(
            "aws", "https://pricing.us-east-1.amazonaws.com",
            "azure", "https://prices.azure.com",
            "gcp", "https://cloudbilling.googleapis.com");

    public static final ConfigDef CONFIG_DEF = define();

    /**
     * The scrapers' Kafka clients take {@code kafka.*} and {@code scrapers.kafka.*}; the producer settings that have
     * their own key stay with it.
     */
    public static final KafkaClientScope KAFKA_SCOPE = KafkaClientScope.of("scrapers")
            .owning(ProducerConfig.COMPRESSION_TYPE_CONFIG, "has its own key: " + PRODUCER_COMPRESSION)
            .owning(ProducerConfig.MAX_BLOCK_MS_CONFIG, "has its own key: " + PRODUCER_MAX_BLOCK_MS)
            .owning(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "has its own key: " + PRODUCER_DELIVERY_TIMEOUT_MS);

    public ScraperConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals, KAFKA_SCOPE);
    }

    /** {@code scrapers.<csp>.endpoint}. */
    public static String endpointKey(String csp) {
        return "scrapers." + checkedCsp(csp) + ".endpoint";
    }

    /** {@code scrapers.services.<csp>}. */
    public static String servicesKey(String csp) {
        return "scrapers.services." + checkedCsp(csp);
    }

    /** {@code scrapers.regions.<csp>}. */
    public static String regionsKey(String csp) {
        return "scrapers.regions." + checkedCsp(csp);
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef()
                .define(BOOTSTRAP_SERVERS, Type.STRING, null, Importance.HIGH,
                        "Kafka bootstrap servers the scrapers publish to and read prices.runs from. "
                                + "Required unless the run is a dry run.")
                .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                        "Schema Registry URL for the Avro serdes. Required unless the run is a dry run.")
                .define(SCHEMA_REGISTRY_USER_INFO, Type.PASSWORD, null, SchemaRegistryConfig.userInfoValidator(), Importance.MEDIUM,
                        "HTTP basic auth credentials for the Schema Registry as user:password; unset means basic.auth.user.info "
                                + "(and no authentication when that is unset too).")
                .define(PRODUCER_MAX_BLOCK_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                        "How long a send may block waiting for metadata (broker unreachable → the run fails after this).")
                .define(PRODUCER_DELIVERY_TIMEOUT_MS, Type.INT, 120_000, Range.atLeast(1_000), Importance.LOW,
                        "Kafka producer delivery.timeout.ms: upper bound on reporting a send as failed.")
                .define(PRODUCER_COMPRESSION, Type.STRING, "zstd", ConfigDef.ValidString.in("none", "lz4", "zstd", "gzip", "snappy"),
                        Importance.LOW, "Compression of produced batches.")
                .define(RUNS_READ_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        "How long to wait for prices.runs to be read (previous run's versions and counts).")
                .define(TOPIC_RAW_PREFIX, Type.STRING, Topics.RAW_PREFIX, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Prefix of the raw topics; the CSP is appended (prices.raw.aws). Change only to isolate tests or tenants.")
                .define(TOPIC_RUNS, Type.STRING, Topics.RUNS, new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Topic of the ScrapeRun summaries, read at start for the previous run's versions and counts.")
                .define(HTTP_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.MEDIUM,
                        "Per-request timeout until the response headers arrive, and the longest wait for more body data.")
                .define(HTTP_CONNECT_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                        "TCP/TLS connect timeout.")
                .define(HTTP_RETRIES_MAX, Type.INT, 6, Range.atLeast(0), Importance.MEDIUM,
                        "Retries of one request on 429 / 5xx / timeouts / connection resets before the run fails.")
                .define(HTTP_BACKOFF_INITIAL_MS, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
                        "First retry delay; doubles per retry (with jitter) up to the maximum.")
                .define(HTTP_BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        "Largest retry delay of the exponential backoff.")
                .define(HTTP_RETRY_BUDGET_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW,
                        "Total time one request may spend retrying (including Retry-After waits) before the run fails.")
                .define(HTTP_PARALLELISM, Type.INT, 2, Range.between(1, 64), Importance.MEDIUM,
                        "Documents (AWS offer files) downloaded and parsed at the same time.")
                .define(GCP_API_KEY, Type.PASSWORD, null, Importance.MEDIUM,
                        "API key for the GCP Cloud Billing Catalog API (not needed against csp-sim).")
                .define(QUALITY_PRICE_MAX, Type.STRING, "1000000000",
                        decimal(), Importance.MEDIUM,
                        "Largest plausible price per published unit; larger (and negative) prices are rejected and counted.")
                .define(QUALITY_ROWS_MIN, Type.LONG, 1L, Range.atLeast(0), Importance.MEDIUM,
                        "Fewest prices a run must publish to be OK (counted over the services actually downloaded).")
                .define(QUALITY_SERVICE_ROWS, Type.LIST, "", serviceRows(), Importance.MEDIUM,
                        "Per-service row-count ranges, e.g. AmazonEC2=1000..5000000,AmazonS3=10.. (max optional). "
                                + "Checked only for services downloaded in the run.")
                .define(QUALITY_TIERED_MIN, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                        "Fewest tiered prices (tier_start > 0 or a bounded tier_end) a run must contain.")
                .define(QUALITY_SHRINK_MAX_PCT, Type.INT, 20, Range.between(0, 100), Importance.MEDIUM,
                        "A service whose row count dropped by more than this percentage since the last OK run fails the run.")
                .define(QUALITY_WEBHOOK_URL, Type.STRING, null, Importance.LOW,
                        "Slack-compatible webhook receiving {\"text\": ...} when a run's verdict is not OK.")
                .define(CONDITIONAL_FETCH_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Skip sources (AWS offer files) whose version is unchanged since the last OK run. Turn off for a periodic "
                                + "full run: only services read completely can retire prices.")
                .define(PROGRESS_LOG_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100), Importance.LOW,
                        "Progress log interval when no terminal is attached.");
        for (String csp : Topics.CSPS) {
            def.define(endpointKey(csp), Type.STRING, DEFAULT_ENDPOINTS.get(csp), uri(), Importance.MEDIUM,
                    "Base URL of the " + csp + " price API (scheme, host, port; the API paths are the real ones).");
            def.define(servicesKey(csp), Type.LIST, "", Importance.MEDIUM,
                    "Services to scrape for " + csp + "; empty = all.");
            def.define(regionsKey(csp), Type.LIST, "", Importance.MEDIUM,
                    "Regions to scrape for " + csp + "; empty = all.");
        }
        return def;
    }

    public Optional<String> bootstrapServers() {
        return Optional.ofNullable(getString(BOOTSTRAP_SERVERS)).filter(s -> !s.isBlank());
    }

    public Optional<String> schemaRegistryUrl() {
        return Optional.ofNullable(getString(SCHEMA_REGISTRY_URL)).filter(s -> !s.isBlank());
    }

    /** The registry client settings: {@link #SCHEMA_REGISTRY_URL} with its credentials, if the URL is set. */
    public Optional<SchemaRegistryConfig> schemaRegistry() {
        return schemaRegistryUrl().map(url -> SchemaRegistryConfig.forComponent(originals(), SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USER_INFO));
    }

    public Optional<String> gcpApiKey() {
        Password key = getPassword(GCP_API_KEY);
        return key == null ? Optional.empty() : Optional.of(key.value()).filter(s -> !s.isBlank());
    }

    public Optional<URI> webhookUrl() {
        return Optional.ofNullable(getString(QUALITY_WEBHOOK_URL)).filter(s -> !s.isBlank()).map(URI::create);
    }

    public String rawTopic(String csp) {
        return getString(TOPIC_RAW_PREFIX) + checkedCsp(csp);
    }

    public String runsTopic() {
        return getString(TOPIC_RUNS);
    }

    public URI endpoint(String csp) {
        return URI.create(getString(endpointKey(csp)));
    }

    public ScrapeScope scope(String csp) {
        return new ScrapeScope(getList(servicesKey(csp)), getList(regionsKey(csp)));
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    public HttpSettings http() {
        return new HttpSettings(duration(HTTP_CONNECT_TIMEOUT_MS), duration(HTTP_TIMEOUT_MS), getInt(HTTP_RETRIES_MAX),
                duration(HTTP_BACKOFF_INITIAL_MS), duration(HTTP_BACKOFF_MAX_MS), duration(HTTP_RETRY_BUDGET_MS),
                getInt(HTTP_PARALLELISM));
    }

    /** The HTTP keys as one value, so the fetcher does not depend on the whole config. */
    public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration backoffInitial,
                               Duration backoffMax, Duration retryBudget, int parallelism) {

        public static HttpSettings defaults() {
            return new ScraperConfig(Map.of()).http();
        }
    }

    /**
     * Replaces only scheme, host and port of {@code base} with those of {@code override} (the CLI's
     * {@code --endpoint}), keeping the base's path: pointing a scraper at csp-sim or a proxy never changes API paths.
     */
    public static URI overrideAuthority(URI base, String override) {
        URI o = URI.create(override.contains("://") ? override : "http://" + override);
        if (o.getHost() == null) {
            throw new ConfigException("--endpoint", override, "expected scheme://host[:port]");
        }
        try {
            return new URI(o.getScheme(), base.getUserInfo(), o.getHost(), o.getPort(), base.getPath(), base.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new ConfigException("--endpoint", override, e.getMessage());
        }
    }

    private static String checkedCsp(String csp) {
        String c = csp.toLowerCase(Locale.ROOT);
        if (!Topics.CSPS.contains(c)) {
            throw new IllegalArgumentException("Unknown CSP '" + csp + "': expected one of " + Topics.CSPS);
        }
        return c;
    }

    private static ConfigDef.Validator uri() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    throw new ConfigException(name, null, "a base URL is required");
                }
                try {
                    URI u = new URI(String.valueOf(value));
                    if (u.getScheme() == null || u.getHost() == null) {
                        throw new ConfigException(name, value, "expected scheme://host[:port]");
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "an absolute http(s) URL";
            }
        };
    }

    private static ConfigDef.Validator decimal() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    if (new java.math.BigDecimal(String.valueOf(value)).signum() <= 0) {
                        throw new ConfigException(name, value, "must be positive");
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, value, "not a decimal number");
                }
            }

            @Override
            public String toString() {
                return "a positive decimal";
            }
        };
    }

    private static ConfigDef.Validator serviceRows() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                for (String entry : entries) {
                    try {
                        ServiceRowRange.parse(entry);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, entry, e.getMessage());
                    }
                }
            }

            @Override
            public String toString() {
                return "service=min..max entries";
            }
        };
    }

    public List<ServiceRowRange> serviceRowRanges() {
        return getList(QUALITY_SERVICE_ROWS).stream().map(ServiceRowRange::parse).toList();
    }

    /** One {@code service=min..max} entry of {@link #QUALITY_SERVICE_ROWS}; {@code max} null = unbounded. */
    public record ServiceRowRange(String service, long min, Long max) {

        public static ServiceRowRange parse(String entry) {
            int eq = entry.lastIndexOf('=');
            int dots = entry.indexOf("..", Math.max(eq, 0));
            if (eq <= 0 || dots < 0) {
                throw new IllegalArgumentException("expected service=min..max (max optional)");
            }
            try {
                long min = Long.parseLong(entry.substring(eq + 1, dots).trim());
                String maxText = entry.substring(dots + 2).trim();
                Long max = maxText.isEmpty() ? null : Long.parseLong(maxText);
                if (min < 0 || (max != null && max < min)) {
                    throw new IllegalArgumentException("expected 0 <= min <= max");
                }
                return new ServiceRowRange(entry.substring(0, eq).trim(), min, max);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("min and max must be whole numbers");
            }
        }

        public boolean contains(long rows) {
            return rows >= min && (max == null || rows <= max);
        }
    }
}
