package io.pricestream.streams.validate;

import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.pricestream.schemas.DlqHeaders;
import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.registry.SchemaRegistryUnreachableException;
import io.pricestream.schemas.serde.WireFormatException;
import io.pricestream.streams.PricesMetrics;
import io.pricestream.streams.TopologySerdes;

/**
 * First processor of the topology: decodes raw key/value bytes and validates them.
 *
 * <p>Valid prices and markers go on (decoded) to {@code nextNode}; everything else goes to {@code dlqNode}
 * with its original bytes and headers plus the DLQ headers, is counted and logged. Nothing is dropped and
 * nothing stops the app, except a Schema Registry that cannot answer: that is not the record's fault, so the
 * exception propagates (the record is retried after the thread restarts instead of being dead-lettered).
 */
public final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {

    private final TopologySerdes serdes;
    private final PriceValidator validator;
    private final PricesMetrics metrics;
    private final String nextNode;
    private final String dlqNode;
    private final RejectionLog log = new RejectionLog();
    private ProcessorContext<Object, Object> context;

    public ValidateProcessor(TopologySerdes serdes, PriceValidator validator, PricesMetrics metrics, String nextNode, String dlqNode) {
        this.serdes = serdes;
        this.validator = validator;
        this.metrics = metrics;
        this.nextNode = nextNode;
        this.dlqNode = dlqNode;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        PriceKey key;
        try {
            key = serdes.keyDeserializer().deserialize(source.topic(), record.headers(), record.key());
        } catch (RuntimeException e) {
            rethrowIfRegistryDown(e);
            reject(record, source, new Rejection(RejectReason.UNDECODABLE_KEY, "key is not a PriceKey in the wire format: " + describe(e)));
            return;
        }
        if (key == null) {
            reject(record, source, new Rejection(RejectReason.UNDECODABLE_KEY, "record has no key"));
            return;
        }
        if (record.value() == null) {
            reject(record, source, new Rejection(RejectReason.EMPTY_VALUE, "record has no value (tombstone) on a raw topic"));
            return;
        }
        Object value;
        try {
            value = serdes.rawValueDeserializer().deserialize(source.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            rethrowIfRegistryDown(e);
            reject(record, source, new Rejection(RejectReason.UNDECODABLE_VALUE, "value is not a SkuPrice or RunMarker in the wire format: "
                    + describe(e)));
            return;
        }
        Optional<Rejection> problem;
        if (value instanceof SkuPrice price) {
            problem = validator.validate(key, price);
        } else if (value instanceof RunMarker marker) {
            problem = validator.validate(key, marker);
        } else {
            problem = Optional.of(new Rejection(RejectReason.UNEXPECTED_TYPE, "value decoded to "
                    + (value == null ? "null" : value.getClass().getName()) + ", expected SkuPrice or RunMarker"));
        }
        if (problem.isPresent()) {
            reject(record, source, problem.get());
            return;
        }
        context.forward(new Record<Object, Object>(key, (SpecificRecord) value, record.timestamp(), record.headers()), nextNode);
    }

    private void reject(Record<byte[], byte[]> record, RecordMetadata source, Rejection rejection) {
        metrics.rejected(rejection.reason());
        log.rejected(rejection, source.topic(), source.partition(), source.offset());
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DlqHeaders.of(record.headers(), rejection.message(), rejection.reason().tag(),
                        source.topic(), source.partition(), source.offset())), dlqNode);
    }

    /**
     * A {@link WireFormatException} is the record's fault (DLQ). Any other {@link SerializationException}
     * from the serdes means the registry could not answer (unreachable, 5xx): the record may be fine, so it
     * must not be dead-lettered; the exception stops the thread and the record is retried after restart.
     * Anything else is treated as the record's fault so that one odd record cannot stop the app forever.
     */
    private static void rethrowIfRegistryDown(RuntimeException e) {
        if (e instanceof WireFormatException) {
            return;
        }
        if (e instanceof SerializationException) {
            throw e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SchemaRegistryUnreachableException) {
                throw e;
            }
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
