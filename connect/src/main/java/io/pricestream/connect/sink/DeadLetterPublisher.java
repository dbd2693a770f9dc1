package io.pricestream.connect.sink;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.schemas.DlqHeaders;

/**
 * Sends a record the sink cannot store to the DLQ topic: original key, value and headers, plus headers
 * naming where it came from and what failed. The send is confirmed before the sink stores the record's
 * offset, so a rejected record is never lost (after a crash in between it may reach the DLQ twice).
 *
 * <p>Header names are the pipeline's DLQ contract ({@link DlqHeaders}), shared with the streams app.
 */
final class DeadLetterPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    DeadLetterPublisher(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Publishes {@code record} with {@code reason} ({@code errorClass} is the metric tag, e.g. {@code undecodable}) and waits for the ack. */
    void publish(ConsumerRecord<byte[], byte[]> record, String errorClass, String reason) {
        Headers headers = DlqHeaders.of(record.headers(), reason, errorClass, record.topic(), record.partition(), record.offset());
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while sending '" + record.topic() + "'-" + record.partition() + "@" + record.offset()
                    + " to DLQ '" + topic + "'", e);
        } catch (ExecutionException e) {
            throw new KafkaException("Cannot send '" + record.topic() + "'-" + record.partition() + "@" + record.offset()
                    + " to DLQ '" + topic + "': " + e.getCause().getMessage(), e.getCause());
        }
        LOG.warn("Sent a record to DLQ '{}': {}", topic, reason);
    }
}
