package io.pricestream.streams.change;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.pricestream.schemas.avro.PriceKey;

/**
 * Store-key format of {@link PriceKey}: UTF-8 {@code csp}, a 0 byte, UTF-8 {@code price_id}.
 *
 * <p>Independent of the Schema Registry (a store key must not change when a schema id does), and
 * csp-first so that a prefix scan ({@link #cspPrefix()}) visits exactly one CSP's prices.
 */
public final class PriceKeyStoreSerde implements Serde<PriceKey> {

    private static final byte SEPARATOR = 0;

    @Override
    public Serializer<PriceKey> serializer() {
        return (topic, key) -> key == null ? null : encode(key.getCsp(), key.getPriceId());
    }

    @Override
    public Deserializer<PriceKey> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    /** Serializes a CSP name into the prefix every store key of that CSP starts with. */
    public static Serializer<String> cspPrefix() {
        return (topic, csp) -> {
            byte[] name = csp.getBytes(StandardCharsets.UTF_8);
            byte[] prefix = Arrays.copyOf(name, name.length + 1);
            prefix[name.length] = SEPARATOR;
            return prefix;
        };
    }

    static byte[] encode(String csp, String priceId) {
        byte[] cspBytes = csp.getBytes(StandardCharsets.UTF_8);
        byte[] idBytes = priceId.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[cspBytes.length + 1 + idBytes.length];
        System.arraycopy(cspBytes, 0, bytes, 0, cspBytes.length);
        bytes[cspBytes.length] = SEPARATOR;
        System.arraycopy(idBytes, 0, bytes, cspBytes.length + 1, idBytes.length);
        return bytes;
    }

    static PriceKey decode(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == SEPARATOR) {
                return new PriceKey(new String(bytes, 0, i, StandardCharsets.UTF_8),
                        new String(bytes, i + 1, bytes.length - i - 1, StandardCharsets.UTF_8));
            }
        }
        throw new SerializationException("store key without the csp separator (" + bytes.length + " bytes)");
    }
}
