package io.pricestream.streams.change;

import java.io.IOException;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.schemas.serde.ReusableEncoder;

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
        try {
            return ReusableEncoder.encode(encoder -> WRITER.write(price, encoder));
        } catch (IOException e) {
            throw new SerializationException("cannot encode price '" + price.getPriceId() + "' for the state store", e);
        }
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
