package io.pricestream.connect.cdc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.data.Envelope;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;

/**
 * Publishes one Debezium batch of {@code infra_price} changes to the events topic, at least once.
 *
 * <p>Every event of the batch is sent, the producer is flushed and every send is checked; only then are the
 * batch's records marked processed, so Debezium's offset (and the slot's confirmed LSN) never moves past a
 * change whose event is not in Kafka. A failed send throws: the engine stops without committing the batch,
 * and the next start publishes it again.
 */
final class PriceChangeBatchHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(PriceChangeBatchHandler.class);

    static final String EVENTS_METRIC = "pricestream.cdc.events";

    private final Producer<PriceKey, PriceChanged> producer;
    private final String topic;
    private final PriceChangeMapper mapper;
    private final MeterRegistry meters;

    PriceChangeBatchHandler(Producer<PriceKey, PriceChanged> producer, String topic, PriceChangeMapper mapper,
                            MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.mapper = mapper;
        this.meters = meters;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<PriceChanged> events = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> change : records) {
            SourceRecord record = change.record();
            // Heartbeats (and any other non-envelope record) only move the offset; they are not price changes.
            if (record.value() instanceof Struct envelope && Envelope.isEnvelopeSchema(record.valueSchema())) {
                mapper.map(envelope).ifPresent(event -> {
                    PriceKey key = new PriceKey(event.getCsp(), event.getPriceId());
                    sends.add(producer.send(new ProducerRecord<>(topic, key, event)));
                    events.add(event);
                });
            }
        }
        producer.flush();
        for (int i = 0; i < sends.size(); i++) {
            awaitSent(sends.get(i), events.get(i));
        }
        for (RecordChangeEvent<SourceRecord> change : records) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        count(events);
    }

    private void awaitSent(Future<RecordMetadata> send, PriceChanged event) throws InterruptedException {
        try {
            send.get();
        } catch (ExecutionException e) {
            throw new CdcPublishException("Cannot publish " + event.getChangeType() + " of " + event.getCsp() + " '"
                    + event.getPriceId() + "' (LSN " + event.getSourceLsn() + ") to topic '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private void count(List<PriceChanged> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<ChangeType, Integer> perType = new EnumMap<>(ChangeType.class);
        events.forEach(event -> perType.merge(event.getChangeType(), 1, Integer::sum));
        perType.forEach((type, n) -> meters.counter(EVENTS_METRIC, "change_type", type.name()).increment(n));
        LOG.debug("Published {} price-change events to '{}': {}", events.size(), topic, perType);
    }
}
