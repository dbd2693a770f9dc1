package io.pricestream.streams.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.RunVerdict;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.streams.PricesMetrics;
import io.pricestream.streams.PricesMetrics.Change;
import io.pricestream.streams.PricesMetrics.Suppression;

/**
 * Change detection and retirement over the per-partition state store.
 *
 * <p>A price is emitted when its key is first seen, when its {@link PriceFingerprint} differs from the last
 * emitted one, or when it comes back after being retired (status is part of the fingerprint); a repeat only
 * refreshes the stored run and observed_at. An observation older than the stored one is ignored, so a
 * replayed or late old value never overwrites a newer one.
 *
 * <p>A run marker with verdict OK retires, within this task's store, the ACTIVE prices of the marker's CSP
 * inside its scope that the run did not observe: last seen in another run, and not observed since the run
 * started (so a stale marker cannot retire prices seen by a newer run). The marker reaches every partition
 * after the run's prices, and the store holds exactly this partition's keys, so the scan sees the whole
 * picture for this partition. FAILED and PARTIAL runs retire nothing. Every marker asks Kafka Streams to
 * commit right after it, whatever the commit interval.
 */
public final class ChangeDetectorProcessor extends ContextualProcessor<PriceKey, SpecificRecord, PriceKey, SkuPrice> {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeDetectorProcessor.class);

    private final String storeName;
    private final PricesMetrics metrics;
    private KeyValueStore<PriceKey, PriceState> store;

    public ChangeDetectorProcessor(String storeName, PricesMetrics metrics) {
        this.storeName = storeName;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<PriceKey, SkuPrice> context) {
        super.init(context);
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<PriceKey, SpecificRecord> record) {
        if (record.value() instanceof SkuPrice price) {
            onPrice(record, price);
        } else if (record.value() instanceof RunMarker marker) {
            onMarker(record, marker);
        }
    }

    private void onPrice(Record<PriceKey, SpecificRecord> record, SkuPrice price) {
        PriceState state = store.get(record.key());
        long observedAt = price.getObservedAt().toEpochMilli();
        if (state != null && observedAt < state.lastObservedAt()) {
            metrics.suppressed(Suppression.OUT_OF_ORDER);
            return;
        }
        String fingerprint = PriceFingerprint.of(price);
        if (state != null && fingerprint.equals(state.fingerprint())) {
            metrics.suppressed(Suppression.DUPLICATE);
            store.put(record.key(), state.seenAgain(price.getRunId(), price.getObservedAt()));
            return;
        }
        Change change = state == null ? Change.NEW : state.status() == PriceStatus.RETIRED ? Change.RETURNED : Change.CHANGED;
        store.put(record.key(), PriceState.emitted(price, fingerprint));
        metrics.emitted(change);
        context().forward(record.withValue(price));
    }

    private void onMarker(Record<PriceKey, SpecificRecord> record, RunMarker marker) {
        metrics.marker(marker.getVerdict().name());
        MDC.put("csp", marker.getCsp());
        MDC.put("run_id", marker.getRunId());
        try {
            if (marker.getVerdict() != RunVerdict.OK) {
                LOG.info("Run '{}' of '{}' ended {}: retiring nothing", marker.getRunId(), marker.getCsp(), marker.getVerdict());
                return;
            }
            List<KeyValue<PriceKey, PriceState>> unseen = unseenInScope(marker);
            Instant retiredAt = marker.getFinishedAt();
            for (KeyValue<PriceKey, PriceState> entry : unseen) {
                SkuPrice retired = SkuPrice.newBuilder(entry.value.lastEmittedPrice())
                        .setStatus(PriceStatus.RETIRED)
                        .setObservedAt(retiredAt)
                        .setRunId(marker.getRunId())
                        .build();
                store.put(entry.key, PriceState.emitted(retired, PriceFingerprint.of(retired)));
                metrics.emitted(Change.RETIRED);
                context().forward(new Record<>(entry.key, retired, record.timestamp(), record.headers()));
            }
            LOG.info("Run '{}' of '{}' OK: retired {} price(s) not seen in partition {}", marker.getRunId(), marker.getCsp(),
                    unseen.size(), context().recordMetadata().map(m -> m.partition()).orElse(-1));
        } finally {
            MDC.remove("csp");
            MDC.remove("run_id");
            // The run is over in this partition: commit now rather than at the next commit interval, so its prices
            // and retirements reach read_committed readers (the sink) at once. One commit per run and partition.
            context().commit();
        }
    }

    /** Collected first, then updated: the store is not written while it is being iterated. */
    private List<KeyValue<PriceKey, PriceState>> unseenInScope(RunMarker marker) {
        RunScopeMatcher scope = new RunScopeMatcher(marker.getScope());
        long startedAt = marker.getStartedAt().toEpochMilli();
        List<KeyValue<PriceKey, PriceState>> unseen = new ArrayList<>();
        try (KeyValueIterator<PriceKey, PriceState> all = store.prefixScan(marker.getCsp(), PriceKeyStoreSerde.cspPrefix())) {
            while (all.hasNext()) {
                KeyValue<PriceKey, PriceState> entry = all.next();
                PriceState state = entry.value;
                if (state.status() == PriceStatus.ACTIVE
                        && !marker.getRunId().equals(state.lastSeenRun())
                        && state.lastObservedAt() < startedAt
                        && scope.covers(state)) {
                    unseen.add(entry);
                }
            }
        }
        return unseen;
    }
}
