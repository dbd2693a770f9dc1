package io.pricestream.cli.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.pricestream.cli.pipeline.ConsumerLag;
import io.pricestream.schemas.kafka.PendingRecords;
import io.pricestream.cli.pipeline.PipelineSettings;
import io.pricestream.cli.pipeline.PriceDatabase;
import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.registry.RestSchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/** Gathers a {@link StatusReport} from Kafka (runs topic, group offsets, events topic) and the price database. */
public final class StatusCollector {

    private static final Duration POLL = Duration.ofMillis(200);

    private final PipelineSettings settings;
    private final ConsumerLag lag;
    private final PriceDatabase database;

    public StatusCollector(PipelineSettings settings, ConsumerLag lag, PriceDatabase database) {
        this.settings = settings;
        this.lag = lag;
        this.database = database;
    }

    public StatusReport collect() {
        List<StatusReport.Lag> lags = new ArrayList<>();
        String streamsGroup = settings.streams().applicationId();
        lags.add(new StatusReport.Lag("streams", streamsGroup, settings.rawTopics(), lag.lag(streamsGroup, settings.rawTopics())));
        String skuTopic = settings.sink().topic();
        Map<TopicPartition, Long> skuEnd = lag.endOffsets(List.of(skuTopic));
        Map<TopicPartition, Long> stored = database.sinkOffsets(settings.sink().groupId(), skuTopic);
        // Transaction markers take offsets on prices.sku: when no committed record follows the stored offsets, the sink is at 0.
        long sinkLag = !new PendingRecords(settings.endpoints().bootstrapServers(), settings.kafkaOverrides()).any(stored, skuEnd) ? 0
                : skuEnd.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - stored.getOrDefault(e.getKey(), 0L))).sum();
        lags.add(new StatusReport.Lag("sink", settings.sink().groupId(), List.of(skuTopic), sinkLag));

        List<StatusReport.Prices> prices = new ArrayList<>();
        database.counts().forEach((csp, counts) -> prices.add(new StatusReport.Prices(csp, counts.activeRows(), counts.retiredRows(),
                counts.historyPeriods())));
        long events = lag.endOffsets(List.of(settings.cdc().topic())).values().stream().mapToLong(Long::longValue).sum();
        return new StatusReport(lastRuns(), lags, prices, events, cdc());
    }

    private StatusReport.Cdc cdc() {
        String slot = settings.cdc().slotName();
        return database.slot(slot)
                .map(state -> new StatusReport.Cdc(slot, true, state.active(), state.walBehindBytes()))
                .orElse(new StatusReport.Cdc(slot, false, false, null));
    }

    /** The last run per CSP: the runs topic is read from its start (it is compacted by CSP, so it stays small). */
    private List<StatusReport.Run> lastRuns() {
        String topic = settings.scrapers().runsTopic();
        Map<TopicPartition, Long> end = lag.endOffsets(List.of(topic));
        Map<String, ScrapeRun> last = new LinkedHashMap<>();
        if (!end.isEmpty()) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.endpoints().bootstrapServers());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            settings.kafkaOverrides().applyTo(props);
            var registry = new RestSchemaRegistryClient(settings.schemaRegistry());
            try (KafkaConsumer<String, ScrapeRun> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    PriceSerdes.scrapeRun(registry).deserializer())) {
                List<TopicPartition> partitions = new ArrayList<>(end.keySet());
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    consumer.poll(POLL).forEach(record -> {
                        if (record.value() != null) {
                            last.put(record.value().getCsp(), record.value());
                        }
                    });
                }
            }
        }
        return last.values().stream().sorted(java.util.Comparator.comparing(ScrapeRun::getCsp)).map(run -> new StatusReport.Run(run.getCsp(),
                run.getRunId(), run.getVerdict().name(), run.getFinishedAt().toString(), run.getRecordsPublished(), run.getRecordsRejected(),
                run.getSkippedSources().size(), List.copyOf(run.getVerdictReasons()))).toList();
    }
}
