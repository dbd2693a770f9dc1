package io.pricestream.streams.validate;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The headers a DLQ record carries besides the original key, value and headers (all values UTF-8 text). */
public final class DlqHeaders {

    /** What failed, naming the field and value. */
    public static final String ERROR = "pricestream.error";
    /** The {@link RejectReason} tag, e.g. {@code negative_price}. */
    public static final String ERROR_CLASS = "pricestream.error.class";
    public static final String SOURCE_TOPIC = "pricestream.source.topic";
    public static final String SOURCE_PARTITION = "pricestream.source.partition";
    public static final String SOURCE_OFFSET = "pricestream.source.offset";

    private DlqHeaders() {
    }

    /** The original headers plus the error and source headers (a copy: the input record is not touched). */
    public static Headers of(Headers original, Rejection rejection, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray());
        headers.remove(ERROR).remove(ERROR_CLASS).remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
        headers.add(ERROR, utf8(rejection.message()));
        headers.add(ERROR_CLASS, utf8(rejection.reason().tag()));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
