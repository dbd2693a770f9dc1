package io.pricestream.scrapers.run;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.pricestream.schemas.avro.RunScope;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.registry.SchemaRegistryClient;
import io.pricestream.scrapers.config.ScraperConfig;
import io.pricestream.scrapers.core.PriceConsumer;
import io.pricestream.scrapers.core.PriceScraper;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeContext;
import io.pricestream.scrapers.core.ScrapeException;
import io.pricestream.scrapers.core.ScrapeResult;
import io.pricestream.scrapers.core.ScrapeScope;
import io.pricestream.scrapers.http.FailsafeHttpFetcher;
import io.pricestream.scrapers.http.HttpFetcher;
import io.pricestream.scrapers.publish.KafkaRunHistory;
import io.pricestream.scrapers.publish.PricePublisher;
import io.pricestream.scrapers.publish.RunHistory;
import io.pricestream.scrapers.quality.Coverage;
import io.pricestream.scrapers.quality.PriceGate;
import io.pricestream.scrapers.quality.QualityGates;
import io.pricestream.scrapers.quality.QualityVerdict;
import io.pricestream.scrapers.quality.QualityWebhook;
import io.pricestream.scrapers.quality.RunCounts;
import io.pricestream.scrapers.units.UnitNormaliser;
import io.pricestream.scrapers.units.UnitTable;

/**
 * Runs one scrape of one CSP end to end: context (run id, start time, scope, endpoint, the previous OK run's source
 * versions) → scraper → per-run de-duplication by price id → price gate → sink → run gates → run summary
 * (markers + {@link ScrapeRun} when publishing) → summary log line and, when not OK, the quality webhook.
 *
 * <p>Entry points for the CLI: {@link #publish(PriceScraper)} (to Kafka) and {@link #dryRun(PriceScraper, RunSink)}
 * (to a {@link io.pricestream.scrapers.output.CsvPriceWriter} / {@link io.pricestream.scrapers.output.JsonlPriceWriter}).
 * A scraper failure still ends the run with a FAILED summary (markers that retire nothing) where the sink can take
 * it, then rethrows as {@link ScrapeException}.
 *
 * <p>Scope of the markers: a run that skipped unchanged sources did not observe their prices, so its markers'
 * scope lists only the services it read completely; when it read nothing, the verdict is PARTIAL (retire nothing).
 */
public final class ScrapeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeRunner.class);

    private final ScraperConfig config;
    private final HttpFetcher fetcher;
    private final UnitNormaliser units;
    private final Clock clock;
    private final RunMetrics metrics;

    public ScrapeRunner(ScraperConfig config) {
        this(config, new FailsafeHttpFetcher(config.http()), new UnitTable(), Clock.systemUTC());
    }

    public ScrapeRunner(ScraperConfig config, HttpFetcher fetcher, UnitNormaliser units, Clock clock) {
        this(config, fetcher, units, clock, Metrics.globalRegistry);
    }

    public ScrapeRunner(ScraperConfig config, HttpFetcher fetcher, UnitNormaliser units, Clock clock, MeterRegistry meters) {
        LOG.debug("Scraper configuration: {}", config.describe());
        this.config = config;
        this.fetcher = fetcher;
        this.units = units;
        this.clock = clock;
        this.metrics = new RunMetrics(meters);
    }

    /** Scrapes and publishes to Kafka: prices, markers on every partition, the ScrapeRun. */
    public RunOutcome publish(PriceScraper scraper) throws ScrapeException {
        SchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistry().orElseThrow(() ->
                new ScrapeException(ScraperConfig.SCHEMA_REGISTRY_URL + " is not set: cannot publish")));
        return publish(scraper, registry);
    }

    public RunOutcome publish(PriceScraper scraper, SchemaRegistryClient registry) throws ScrapeException {
        RunHistory history = new KafkaRunHistory(config, registry);
        try (PricePublisher publisher = PricePublisher.open(config, scraper.csp(), registry)) {
            return run(scraper, publisher, history);
        }
    }

    /** Scrapes into a file writer; no Kafka, no history (every source is read). */
    public RunOutcome dryRun(PriceScraper scraper, RunSink writer) throws ScrapeException {
        return run(scraper, writer, RunHistory.NONE);
    }

    public RunOutcome run(PriceScraper scraper, RunSink sink, RunHistory history) throws ScrapeException {
        String csp = scraper.csp();
        String runId = UUID.randomUUID().toString();
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long startNanos = System.nanoTime();
        // Other CSPs' runs share the fetcher at the same time: only this run's view counts this run's bytes.
        HttpFetcher runFetcher = fetcher.forRun();
        MDC.put("component", "scrapers");
        MDC.put("csp", csp);
        MDC.put("run_id", runId);
        try {
            Optional<ScrapeRun> previous = history.lastOk(csp);
            ScrapeScope scope = config.scope(csp);
            URI endpoint = config.endpoint(csp);
            RunProgress progress = RunProgress.forCurrentProcess(csp, config.duration(ScraperConfig.PROGRESS_LOG_INTERVAL_MS),
                    runFetcher::bytesReceived);
            ScrapeContext context = new ScrapeContext(runId, startedAt, scope, endpoint, runFetcher, units,
                    config.getBoolean(ScraperConfig.CONDITIONAL_FETCH_ENABLED)
                            ? previous.map(ScrapeRun::getSourceVersions).orElse(Map.of()) : Map.of(), progress);
            LOG.info("Run '{}' of '{}' starts: endpoint '{}', services {}, regions {}, previous OK run '{}'", runId, csp, endpoint,
                    scope.services().isEmpty() ? "all" : scope.services(), scope.regions().isEmpty() ? "all" : scope.regions(),
                    previous.map(ScrapeRun::getRunId).orElse("none"));

            RunCounts counts = new RunCounts();
            GatedConsumer consumer = new GatedConsumer(sink, counts, new PriceGate(new BigDecimal(config.getString(ScraperConfig.QUALITY_PRICE_MAX))),
                    progress);
            ScrapeResult result;
            try {
                result = scraper.scrape(context, consumer);
            } catch (ScrapeException | RuntimeException e) {
                progress.finish();
                throw failRun(csp, runId, startedAt, scope, counts, runFetcher, sink, e);
            }
            progress.finish();

            Set<String> readServices = readServices(result, counts, scope);
            Coverage coverage = coverage(result, counts, readServices);
            QualityVerdict verdict = QualityGates.from(config).evaluate(counts, readServices, coverage, previous, scope.regions());
            ScrapeRun run = ScrapeRun.newBuilder()
                    .setRunId(runId)
                    .setCsp(csp)
                    .setStartedAt(startedAt)
                    .setFinishedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                    .setScope(markerScope(scope, coverage, readServices))
                    .setVerdict(verdict.verdict())
                    .setVerdictReasons(verdict.reasons())
                    .setRecordsPublished(counts.accepted())
                    .setRecordsRejected(counts.rejected())
                    .setRecordsPerService(counts.perService())
                    .setSourceVersions(result.sourceVersions())
                    .setSkippedSources(result.skippedSources())
                    .setBytesDownloaded(runFetcher.bytesReceived())
                    .build();
            try {
                sink.complete(run);
            } catch (ScrapeException | RuntimeException e) {
                throw new ScrapeException("Run '" + runId + "' of '" + csp + "' could not be completed: " + e.getMessage(), e);
            }
            RunOutcome outcome = new RunOutcome(run, verdict, counts.duplicates(), runFetcher.bytesDecoded(),
                    Duration.ofNanos(System.nanoTime() - startNanos));
            metrics.record(run, counts);
            logSummary(outcome, counts);
            if (verdict.verdict() != RunVerdict.OK) {
                notifyWebhook(csp + " scrape run " + runId + " verdict " + verdict.verdict() + ": " + String.join("; ", verdict.reasons()));
            }
            return outcome;
        } finally {
            MDC.remove("component");
            MDC.remove("csp");
            MDC.remove("run_id");
        }
    }

    /**
     * The services whose sources were all read in this run: from the source versions minus the skipped ones (sources
     * are named {@code <service>/<...>}), plus every service that produced records, plus the requested services when
     * nothing was skipped (a requested service with zero records was read and found empty).
     */
    static Set<String> readServices(ScrapeResult result, RunCounts counts, ScrapeScope scope) {
        Set<String> skippedServices = new TreeSet<>();
        result.skippedSources().forEach(source -> skippedServices.add(serviceOf(source)));
        Set<String> read = new TreeSet<>();
        result.sourceVersions().keySet().forEach(source -> read.add(serviceOf(source)));
        read.addAll(counts.perService().keySet());
        if (result.skippedSources().isEmpty()) {
            read.addAll(scope.services());
        }
        read.removeAll(skippedServices);
        return read;
    }

    static Coverage coverage(ScrapeResult result, RunCounts counts, Set<String> readServices) {
        if (result.skippedSources().isEmpty()) {
            return Coverage.FULL;
        }
        if (!readServices.isEmpty()) {
            return Coverage.SOME_SERVICES_COMPLETE;
        }
        boolean anythingRead = result.sourceVersions().size() > result.skippedSources().size() || counts.accepted() + counts.rejected() > 0;
        return anythingRead ? Coverage.NO_COMPLETE_SERVICE : Coverage.NOTHING_READ;
    }

    private static String serviceOf(String source) {
        int slash = source.indexOf('/');
        return slash < 0 ? source : source.substring(0, slash);
    }

    /** The scope the markers may retire within: the requested one, narrowed to fully read services when sources were skipped. */
    private static RunScope markerScope(ScrapeScope scope, Coverage coverage, Set<String> readServices) {
        // Only a narrowed, non-empty list may replace the requested one: an empty list would mean "all".
        List<String> services = coverage == Coverage.SOME_SERVICES_COMPLETE ? new ArrayList<>(readServices) : scope.services();
        return new RunScope(services, scope.regions());
    }

    private ScrapeException failRun(String csp, String runId, Instant startedAt, ScrapeScope scope, RunCounts counts,
                                    HttpFetcher runFetcher, RunSink sink, Exception cause) {
        ScrapeException failure = cause instanceof ScrapeException s ? s
                : new ScrapeException("Run '" + runId + "' of '" + csp + "' failed: " + cause.getMessage(), cause);
        ScrapeRun failed = ScrapeRun.newBuilder()
                .setRunId(runId)
                .setCsp(csp)
                .setStartedAt(startedAt)
                .setFinishedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setScope(new RunScope(scope.services(), scope.regions()))
                .setVerdict(RunVerdict.FAILED)
                .setVerdictReasons(List.of(String.valueOf(failure.getMessage())))
                .setRecordsPublished(counts.accepted())
                .setRecordsRejected(counts.rejected())
                .setRecordsPerService(counts.perService())
                .setBytesDownloaded(runFetcher.bytesReceived())
                .build();
        try {
            sink.complete(failed); // FAILED markers: consumers learn the run ended and retire nothing
        } catch (ScrapeException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        metrics.record(failed, counts);
        LOG.error("Run '{}' of '{}' FAILED after {} records: {}", runId, csp, counts.accepted(), failure.getMessage());
        notifyWebhook(csp + " scrape run " + runId + " FAILED: " + failure.getMessage());
        return failure;
    }

    private void notifyWebhook(String text) {
        config.webhookUrl().ifPresent(url -> new QualityWebhook(url).post(text));
    }

    private static void logSummary(RunOutcome outcome, RunCounts counts) {
        ScrapeRun run = outcome.run();
        LOG.info("Run '{}' of '{}' {}: {} records, {} rejected {}, {} duplicates, per service {}, {} skipped sources, {} MB ({} MB decoded) "
                        + "in {} s ({} MB/s, {} decoded MB/s, {} records/s){}",
                run.getRunId(), run.getCsp(), run.getVerdict(), run.getRecordsPublished(), run.getRecordsRejected(),
                counts.rejectedPerReason(), outcome.duplicates(), run.getRecordsPerService(), run.getSkippedSources().size(),
                String.format(java.util.Locale.ROOT, "%.2f", run.getBytesDownloaded() / 1e6),
                String.format(java.util.Locale.ROOT, "%.2f", outcome.bytesDecoded() / 1e6),
                String.format(java.util.Locale.ROOT, "%.2f", outcome.elapsed().toNanos() / 1e9),
                String.format(java.util.Locale.ROOT, "%.2f", outcome.megabytesPerSecond()),
                String.format(java.util.Locale.ROOT, "%.2f", outcome.decodedMegabytesPerSecond()),
                String.format(java.util.Locale.ROOT, "%.0f", outcome.recordsPerSecond()),
                run.getVerdictReasons().isEmpty() ? "" : " — " + String.join("; ", run.getVerdictReasons()));
    }

    /** De-duplicates by price id, applies the price gate, counts, forwards; serialises the scraper's threads. */
    private static final class GatedConsumer implements PriceConsumer {
        private final RunSink sink;
        private final RunCounts counts;
        private final PriceGate gate;
        private final RunProgress progress;
        private final SeenPriceIds seen = new SeenPriceIds();
        private final Set<String> loggedReasons = new LinkedHashSet<>();

        GatedConsumer(RunSink sink, RunCounts counts, PriceGate gate, RunProgress progress) {
            this.sink = sink;
            this.counts = counts;
            this.gate = gate;
            this.progress = progress;
        }

        @Override
        public synchronized void accept(SkuPrice price) {
            if (!seen.add(price.getPriceId())) {
                counts.duplicate();
                return;
            }
            Optional<String> rejected = gate.check(price);
            if (rejected.isPresent()) {
                counts.rejected(rejected.get());
                if (loggedReasons.add(rejected.get())) {
                    LOG.warn("Rejected price '{}' of service '{}' ({}): price '{}' — further rejections are counted only",
                            price.getPriceId(), price.getService(), rejected.get(), price.getPrice());
                }
                return;
            }
            sink.accept(price);
            counts.accepted(price);
            progress.recordAccepted();
        }
    }
}
