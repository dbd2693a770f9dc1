package io.pricestream.streams.change;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

import io.pricestream.schemas.avro.SkuPrice;

/**
 * Plain Avro binary of a {@link SkuPrice} with the compiled schema, for the state store only (no registry:
 * a store value must be readable without it). A SkuPrice schema change that is not read-compatible with
 * this binary needs the app reset and replayed from the raw topics (new application id).
 */
final class SkuPriceBinary {

    private static final SpecificDatumWriter<SkuPrice> WRITER = new SpecificDatumWriter<>(SkuPrice.class);
    private static final SpecificDatumReader<SkuPrice> READER = new SpecificDatumReader<>(SkuPrice.class);

    private SkuPriceBinary() {
    }

    static byte[] encode(SkuPrice price) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            WRITER.write(price, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new SerializationException("cannot encode price '" + price.getPriceId() + "' for the state store", e);
        }
        return out.toByteArray();
    }

    static SkuPrice decode(byte[] bytes) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            return READER.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode a stored price (" + bytes.length + " bytes)", e);
        }
    }
}
