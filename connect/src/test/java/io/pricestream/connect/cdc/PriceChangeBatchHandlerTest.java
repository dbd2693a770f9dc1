package io.pricestream.connect.cdc;

import static io.pricestream.connect.cdc.DebeziumRows.envelope;
import static io.pricestream.connect.cdc.DebeziumRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.registry.InMemorySchemaRegistryClient;
import io.pricestream.schemas.serde.PriceSerdes;

/** The at-least-once contract of {@link PriceChangeBatchHandler}: offsets advance only after Kafka acknowledged. */
class PriceChangeBatchHandlerTest {

    private static final String TOPIC = "prices.changes";
    private static final Schema HEARTBEAT = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingCommitter committer = new RecordingCommitter();

    @Test
    void shouldMarkEveryRecordProcessedAfterEventsAreAcknowledged() throws Exception {
        MockProducer<PriceKey, PriceChanged> producer = producer(false);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(
                change(envelope("c", null, row("1"))),
                change(envelope("u", row("1"), row("1.5"))),
                change(envelope("u", row("1.5"), DebeziumRows.with(row("1.5"), "run_id", "run-2"))),
                heartbeat());

        handler(producer).handleBatch(batch, committer);

        assertThat(producer.history()).extracting(record -> record.value().getChangeType())
                .containsExactly(ChangeType.NEW, ChangeType.CHANGED);
        assertThat(producer.history()).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(record.key()).isEqualTo(new PriceKey("aws", "SKU1.JRTCKXETXF.6YS6EN2CT7"));
        });
        // No-op update and heartbeat produce nothing but still move the offset.
        assertThat(committer.processed).containsExactlyElementsOf(batch);
        assertThat(committer.batchesFinished).isEqualTo(1);
        assertThat(meters.counter(PriceChangeBatchHandler.EVENTS_METRIC, "change_type", "NEW").count()).isEqualTo(1.0);
        assertThat(meters.counter(PriceChangeBatchHandler.EVENTS_METRIC, "change_type", "CHANGED").count()).isEqualTo(1.0);
    }

    @Test
    void shouldMarkNothingProcessedWhenKafkaRejectsAnEvent() {
        MockProducer<PriceKey, PriceChanged> producer = producer(true);
        List<RecordChangeEvent<SourceRecord>> batch = List.of(change(envelope("c", null, row("1"))));

        assertThatThrownBy(() -> handler(producer).handleBatch(batch, committer))
                .isInstanceOf(CdcPublishException.class)
                .hasMessageContaining("NEW of aws 'SKU1.JRTCKXETXF.6YS6EN2CT7'")
                .hasMessageContaining("LSN " + DebeziumRows.LSN)
                .hasMessageContaining(TOPIC)
                .hasMessageContaining("broker unavailable");
        assertThat(committer.processed).isEmpty();
        assertThat(committer.batchesFinished).isZero();
        assertThat(meters.find(PriceChangeBatchHandler.EVENTS_METRIC).counters()).isEmpty();
    }

    private PriceChangeBatchHandler handler(MockProducer<PriceKey, PriceChanged> producer) {
        return new PriceChangeBatchHandler(producer, TOPIC, new PriceChangeMapper(), meters);
    }

    /** A producer whose sends complete at flush(): successfully, or all failing when {@code failing}. */
    private MockProducer<PriceKey, PriceChanged> producer(boolean failing) {
        return new MockProducer<>(false, null, PriceSerdes.priceKey(registry).serializer(),
                PriceSerdes.priceChanged(registry).serializer()) {
            @Override
            public synchronized void flush() {
                if (failing) {
                    while (errorNext(new TimeoutException("broker unavailable"))) {
                        // fail every pending send
                    }
                }
                super.flush();
            }
        };
    }

    private static RecordChangeEvent<SourceRecord> change(Struct envelope) {
        SourceRecord record = new SourceRecord(Map.of("server", "pricestream"), Map.of("lsn", DebeziumRows.LSN),
                "pricestream.api_price.infra_price", null, null, null, envelope.schema(), envelope);
        return () -> record;
    }

    private static RecordChangeEvent<SourceRecord> heartbeat() {
        SourceRecord record = new SourceRecord(Map.of("server", "pricestream"), Map.of("lsn", DebeziumRows.LSN),
                "__debezium-heartbeat.pricestream", null, null, null, HEARTBEAT, new Struct(HEARTBEAT).put("ts_ms", 1L));
        return () -> record;
    }

    /** Records what the handler marks, like Debezium's committer would before advancing its offset. */
    private static final class RecordingCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<RecordChangeEvent<SourceRecord>> processed = new ArrayList<>();
        int batchesFinished;

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record) {
            processed.add(record);
        }

        @Override
        public void markBatchFinished() {
            batchesFinished++;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> record, DebeziumEngine.Offsets offsets) {
            processed.add(record);
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException("not used by the handler");
        }
    }
}
