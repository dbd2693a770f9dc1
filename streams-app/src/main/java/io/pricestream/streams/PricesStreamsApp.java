package io.pricestream.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.pricestream.schemas.config.ComponentConfig;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.streams.rules.RelevanceRules;
import io.pricestream.streams.rules.RulesFile;

/**
 * Runs the pricestream topology ({@code pricestream streams}): builds it from a {@link StreamsAppConfig},
 * starts Kafka Streams with exactly-once v2, logs state changes, handles a stream thread's unexpected
 * exception as configured ({@code streams.uncaught.exception.response}) and closes cleanly.
 *
 * <p>Use: {@code try (PricesStreamsApp app = PricesStreamsApp.create(config, registry)) { app.start(); app.awaitStop(); }}.
 */
public final class PricesStreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PricesStreamsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final StreamsAppConfig config;
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public PricesStreamsApp(StreamsAppConfig config, RelevanceRules rules, TopologySerdes serdes, MeterRegistry meterRegistry) {
        this.config = config;
        Topology topology = PricesTopology.build(config, rules, serdes, new PricesMetrics(meterRegistry));
        this.streams = new KafkaStreams(topology, config.streamsProperties());
        StreamThreadExceptionResponse response = config.uncaughtExceptionResponse();
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread of '{}' failed; response {} ({}={})", config.applicationId(), response,
                    StreamsAppConfig.UNCAUGHT_EXCEPTION_RESPONSE, response.name().toLowerCase(java.util.Locale.ROOT), exception);
            return response;
        });
        streams.setStateListener((newState, oldState) -> {
            LOG.info("Streams app '{}' state {} -> {}", config.applicationId(), oldState, newState);
            if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        LOG.info("Streams app '{}' configured: {}; rules from '{}' ({} include, {} exclude)", config.applicationId(), config.describe(),
                rules.source(), rules.includeRules().size(), rules.excludeRules().size());
        LOG.debug("Topology:\n{}", topology.describe());
    }

    /** The app with the configured rules file (or the bundled defaults) and the registry at {@code streams.schema.registry.url}. */
    public static PricesStreamsApp create(StreamsAppConfig config, MeterRegistry meterRegistry) {
        RelevanceRules rules = config.rulesPath().map(RulesFile::load).orElseGet(RulesFile::bundledDefaults);
        return new PricesStreamsApp(config, rules, TopologySerdes.of(new RestSchemaRegistryClient(config.schemaRegistry())), meterRegistry);
    }

    public void start() {
        MDC.put("component", "streams");
        streams.start();
    }

    /** Blocks until the app stopped (closed, or failed with a stop response). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The Kafka Streams instance, for metrics and state queries. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    @Override
    public void close() {
        LOG.info("Closing streams app '{}'", config.applicationId());
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Streams app '{}' did not close within {}", config.applicationId(), CLOSE_TIMEOUT);
        }
        stopped.countDown();
    }

    /**
     * Runs until interrupted (Ctrl-C). Configuration from {@code PRICESTREAM_STREAMS_*} environment variables,
     * overridden by {@code key=value} arguments.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> originals = new HashMap<>();
        for (String key : StreamsAppConfig.CONFIG_DEF.names()) {
            String value = System.getenv(ComponentConfig.envName(key));
            if (value != null) {
                originals.put(key, value);
            }
        }
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
            }
            originals.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        PricesStreamsApp app = create(new StreamsAppConfig(originals), Metrics.globalRegistry);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "pricestream-streams-shutdown"));
        app.start();
        app.awaitStop();
    }
}
