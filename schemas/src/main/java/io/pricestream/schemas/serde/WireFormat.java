package io.pricestream.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: one magic byte {@code 0x00}, the writer schema's registry id as a 4-byte
 * big-endian int, then the Avro binary encoding of the record.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x00;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the header into the first {@link #HEADER_SIZE} bytes of {@code target}. */
    public static void writeHeader(int schemaId, byte[] target) {
        ByteBuffer.wrap(target, 0, HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * The schema id of a wire-format record, after checking its header.
     *
     * @throws WireFormatException if {@code data} is shorter than the header or does not start with the magic byte
     */
    public static int schemaId(byte[] data, String topic) {
        if (data.length < HEADER_SIZE) {
            throw new WireFormatException("record of topic '" + topic + "' is too short for the Confluent wire format: "
                    + data.length + " bytes, expected at least " + HEADER_SIZE + " (magic byte + 4-byte schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format("record of topic '%s' is not in the Confluent wire format: magic byte 0x%02x, expected 0x%02x",
                    topic, data[0], MAGIC_BYTE));
        }
        // big-endian, read in place: this runs for every record read
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
    }

    /** Whether {@code data} starts with a wire-format header: {@link #schemaId} reads it without an exception. */
    public static boolean hasHeader(byte[] data) {
        return data.length >= HEADER_SIZE && data[0] == MAGIC_BYTE;
    }
}
