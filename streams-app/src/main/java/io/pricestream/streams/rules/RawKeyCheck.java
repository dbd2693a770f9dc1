package io.pricestream.streams.rules;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.header.Headers;

import io.pricestream.schemas.avro.PriceKey;
import io.pricestream.schemas.serde.WireFormat;
import io.pricestream.streams.TopologySerdes;

/**
 * Whether a raw record's key would decode as a {@link PriceKey}, answered for the ~97 % of records the pre-filter
 * drops without building one: decoding every key in full was a twentieth of a replay's stream-thread CPU.
 *
 * <p>When the key's writer schema is {@code PriceKey}'s own (every key our scrapers write), a key decodes exactly
 * when its body is that many strings of sane length ending on the last byte: no resolution can fail on its values.
 * For any other writer schema, and for a key without the wire-format header, the key deserializer decides.
 *
 * <p>Not thread-safe: one per processor.
 */
final class RawKeyCheck {

    private static final Schema PRICE_KEY = PriceKey.getClassSchema();

    private final TopologySerdes serdes;
    private final WriterSchemas schemas;
    /** Per writer schema id: whether it is {@code PriceKey}'s own, so the body can be walked instead of decoded. */
    private final Map<Integer, Boolean> ownSchema = new HashMap<>();
    private final int strings;
    private BinaryDecoder decoder;

    /** {@code schemas}: the processor's writer schemas, asked only for a key schema id not met before. */
    RawKeyCheck(TopologySerdes serdes, WriterSchemas schemas) {
        this.serdes = serdes;
        this.schemas = schemas;
        boolean allStrings = PRICE_KEY.getFields().stream().allMatch(field -> field.schema().getType() == Schema.Type.STRING);
        // a key with other field types would need the full decode's checks: then every key gets it
        this.strings = allStrings ? PRICE_KEY.getFields().size() : -1;
    }

    /** Whether {@code key} of a record of {@code topic} decodes as a {@code PriceKey}. */
    boolean reads(String topic, Headers headers, byte[] key) {
        if (key == null) {
            return false;
        }
        if (strings < 0 || !WireFormat.hasHeader(key) || !isOwnSchema(WireFormat.schemaId(key, topic))) {
            return decodes(topic, headers, key);
        }
        int length = key.length - WireFormat.HEADER_SIZE;
        decoder = DecoderFactory.get().binaryDecoder(key, WireFormat.HEADER_SIZE, length, decoder);
        try {
            for (int i = 0; i < strings; i++) {
                long size = decoder.readLong();
                if (size < 0 || size > length) {
                    return false;
                }
                decoder.skipFixed((int) size);
            }
            return decoder.isEnd();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean isOwnSchema(int id) {
        Boolean own = ownSchema.get(id);
        if (own == null) {
            Schema writer = schemas.byId(id);
            if (writer == null) {
                // unknown id or registry down: the deserializer meets the same and says so
                return false;
            }
            own = PRICE_KEY.equals(writer);
            ownSchema.put(id, own);
        }
        return own;
    }

    private boolean decodes(String topic, Headers headers, byte[] key) {
        try {
            return serdes.keyDeserializer().deserialize(topic, headers, key) != null;
        } catch (RuntimeException e) {
            // validation decodes it again and says what is wrong
            return false;
        }
    }
}
