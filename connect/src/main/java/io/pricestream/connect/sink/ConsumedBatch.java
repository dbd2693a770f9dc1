package io.pricestream.connect.sink;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@link SinkBatch} as the consumer thread hands it to the writer thread: with the record each kept price was
 * read from, so a price the database refuses can go to the DLQ as it arrived.
 */
record ConsumedBatch(SinkBatch batch, Map<PriceRef, ConsumerRecord<byte[], byte[]>> sources) {
}
