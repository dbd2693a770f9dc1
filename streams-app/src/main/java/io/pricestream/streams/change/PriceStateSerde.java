package io.pricestream.streams.change;

import java.io.IOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.serde.ReusableEncoder;

/**
 * Store-value format of {@link PriceState}: a format version, then the fields with Avro's binary primitives
 * (the emitted price last, as bytes, so the per-record path never decodes it).
 */
public final class PriceStateSerde implements Serde<PriceState> {

    private static final int FORMAT_VERSION = 1;

    @Override
    public Serializer<PriceState> serializer() {
        return (topic, state) -> state == null ? null : encode(state);
    }

    @Override
    public Deserializer<PriceState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    static byte[] encode(PriceState state) {
        try {
            return ReusableEncoder.encode(encoder -> {
                encoder.writeInt(FORMAT_VERSION);
                encoder.writeString(state.fingerprint());
                encoder.writeLong(state.lastObservedAt());
                encoder.writeString(state.lastSeenRun());
                encoder.writeString(state.status().name());
                encoder.writeString(state.service());
                writeNullable(encoder, state.serviceName());
                writeNullable(encoder, state.serviceId());
                encoder.writeString(state.region());
                encoder.writeBytes(state.lastEmitted());
            });
        } catch (IOException e) {
            throw new SerializationException("cannot encode price state", e);
        }
    }

    private static void writeNullable(BinaryEncoder encoder, String value) throws IOException {
        encoder.writeBoolean(value != null);
        if (value != null) {
            encoder.writeString(value);
        }
    }

    static PriceState decode(byte[] bytes) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            int version = decoder.readInt();
            if (version != FORMAT_VERSION) {
                throw new SerializationException("price state format " + version + " is not " + FORMAT_VERSION
                        + ": reset the streams app (new application id) and replay the raw topics");
            }
            String fingerprint = decoder.readString();
            long observedAt = decoder.readLong();
            String run = decoder.readString();
            PriceStatus status = PriceStatus.valueOf(decoder.readString());
            String service = decoder.readString();
            String serviceName = decoder.readBoolean() ? decoder.readString() : null;
            String serviceId = decoder.readBoolean() ? decoder.readString() : null;
            String region = decoder.readString();
            byte[] lastEmitted = decoder.readBytes(null).array();
            return new PriceState(fingerprint, observedAt, run, status, service, serviceName, serviceId, region, lastEmitted);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("cannot decode price state (" + bytes.length + " bytes)", e);
        }
    }
}
