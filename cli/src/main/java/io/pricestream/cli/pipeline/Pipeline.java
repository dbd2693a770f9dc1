package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.connect.cdc.PriceChangePublisher;
import io.pricestream.connect.sink.PriceSink;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.streams.PricesStreamsApp;

/**
 * The continuous pipeline in one process: the streams app, the JDBC sink and the CDC publisher run on their
 * own threads; {@link #runCycle} scrapes every configured CSP in turn, waits until the three have processed
 * the cycle and summarises it. {@link #close()} stops them in reverse start order.
 */
public final class Pipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration CDC_START_TIMEOUT = Duration.ofMinutes(2);

    private final PipelineSettings settings;
    private final MeterRegistry meters;
    private final Admin admin;
    private final ConsumerLag lag;
    private final PriceDatabase database;
    private final ChangeEvents changeEvents;

    private PricesStreamsApp streams;
    private PriceSink sink;
    private Thread sinkThread;
    private volatile Throwable sinkFailure;
    private PriceChangePublisher cdc;
    private int cycles;

    public Pipeline(PipelineSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
        this.admin = Admin.create(settings.adminProperties());
        this.lag = new ConsumerLag(admin);
        PipelineEndpoints endpoints = settings.endpoints();
        this.database = new PriceDatabase(settings.sink().jdbcUrl(), settings.sink().jdbcUser(), settings.sink().jdbcPassword());
        this.changeEvents = new ChangeEvents(endpoints.bootstrapServers(), settings.schemaRegistry(), settings.kafkaOverrides());
    }

    /** Creates missing topics (reporting drift of existing ones), then starts the streams app, the sink and CDC. */
    public TopicProvisioner.Report start() {
        TopicProvisioner.Report topics = new TopicProvisioner(admin).provision(settings.topics());
        streams = PricesStreamsApp.create(settings.streams(), meters);
        streams.start();
        sink = PriceSink.create(settings.sink(), meters);
        sinkThread = new Thread(sink, "pricestream-sink");
        sinkThread.setUncaughtExceptionHandler((thread, error) -> {
            sinkFailure = error;
            LOG.error("The sink stopped: {}", error.getMessage(), error);
        });
        sinkThread.start();
        cdc = new PriceChangePublisher(settings.cdc(), meters);
        cdc.start();
        cdc.awaitStarted(CDC_START_TIMEOUT);
        LOG.info("Pipeline running: streams app '{}', sink group '{}', CDC slot '{}'", settings.streams().applicationId(),
                settings.sink().groupId(), settings.cdc().slotName());
        return topics;
    }

    /** One scrape cycle over the configured CSPs, then waits (up to the catch-up timeout) and summarises it. */
    public CycleSummary runCycle() throws InterruptedException {
        return runCycle(settings.pipeline().csps());
    }

    public CycleSummary runCycle(List<String> csps) throws InterruptedException {
        cycles++;
        checkHealthy();
        List<String> changesTopic = List.of(settings.cdc().topic());
        Map<TopicPartition, Long> changesBefore = lag.endOffsets(changesTopic);
        List<ScrapeCycle.CspRun> runs = new ScrapeCycle(settings.scrapers()).run(csps);
        boolean caughtUp = new CatchUp(settings, lag, database, this::checkHealthy).await(settings.pipeline().catchUpTimeout());
        Map<String, Long> events = changeEvents.countByCsp(changesBefore, lag.endOffsets(changesTopic));
        Set<String> runIds = runs.stream().filter(run -> run.outcome() != null)
                .map(run -> run.outcome().run().getRunId().toString()).collect(Collectors.toSet());
        Map<String, Long> written = runIds.isEmpty() ? Map.of() : database.rowsWrittenByRun(runIds);
        List<CycleSummary.Csp> lines = new ArrayList<>();
        for (ScrapeCycle.CspRun run : runs) {
            long eventCount = events.getOrDefault(run.csp(), 0L);
            if (run.outcome() == null) {
                lines.add(new CycleSummary.Csp(run.csp(), null, "ERROR", 0, 0, eventCount, run.error(), true));
                continue;
            }
            ScrapeRun scrape = run.outcome().run();
            String runId = scrape.getRunId().toString();
            lines.add(new CycleSummary.Csp(run.csp(), runId, scrape.getVerdict().toString(), scrape.getRecordsPublished(),
                    written.getOrDefault(runId, 0L), eventCount, String.join("; ", scrape.getVerdictReasons().stream().map(Object::toString).toList()),
                    run.failed()));
        }
        return new CycleSummary(cycles, lines, caughtUp);
    }

    /** Throws naming the component when the streams app, the sink or CDC has stopped on its own. */
    public void checkHealthy() {
        if (streams != null && (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                || streams.state() == KafkaStreams.State.PENDING_ERROR)) {
            throw new IllegalStateException("The streams app '" + settings.streams().applicationId() + "' stopped (state "
                    + streams.state() + "); see the log above");
        }
        if (sinkFailure != null) {
            throw new IllegalStateException("The sink stopped: " + sinkFailure.getMessage(), sinkFailure);
        }
        if (cdc != null && cdc.completion().isDone()) {
            throw new IllegalStateException("The CDC publisher on slot '" + settings.cdc().slotName() + "' stopped; see the log above");
        }
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** Stops CDC, then the sink (finishing its batch), then the streams app: the reverse of {@link #start()}. */
    @Override
    public void close() {
        if (cdc != null) {
            cdc.close();
        }
        if (sink != null) {
            sink.close();
            try {
                sinkThread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (streams != null) {
            streams.close();
        }
        admin.close();
        LOG.info("Pipeline stopped");
    }
}
