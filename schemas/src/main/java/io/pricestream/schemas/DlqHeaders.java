package io.pricestream.schemas;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers a {@code prices.dlq} record carries besides the original key, value and headers (values are
 * UTF-8 text). One contract for every component that dead-letters: the streams app and the sink.
 */
public final class DlqHeaders {

    /** What failed, naming the field and value. */
    public static final String ERROR = "pricestream.error";
    /** A short tag of the kind of problem (also the metric tag), e.g. {@code negative_price}, {@code undecodable}. */
    public static final String ERROR_CLASS = "pricestream.error.class";
    public static final String SOURCE_TOPIC = "pricestream.source.topic";
    public static final String SOURCE_PARTITION = "pricestream.source.partition";
    public static final String SOURCE_OFFSET = "pricestream.source.offset";

    private DlqHeaders() {
    }

    /** The original headers plus the error and source headers (a copy: the input record is not touched). */
    public static Headers of(Headers original, String error, String errorClass, String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new Header[0] : original.toArray());
        headers.remove(ERROR).remove(ERROR_CLASS).remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
        headers.add(ERROR, utf8(error));
        headers.add(ERROR_CLASS, utf8(errorClass));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
