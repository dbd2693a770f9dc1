package io.pricestream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.BlockingBinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One Avro binary encoder and output buffer per thread and kind, reused for every record the thread writes.
 *
 * <p>Every record the scrapers publish and every store value and output the streams app writes is encoded once;
 * a new buffered encoder per record allocates and discards a 2 KiB buffer, and a direct encoder makes one
 * synchronized stream write per byte. Reusing both keeps encoding to a copy of the finished bytes. Each thread
 * has its own pair, so it needs no locking.
 *
 * <p>{@link #encodeSizedBlocks} writes maps and arrays the way the Avro specification allows a writer to: as blocks
 * whose item count is negative and followed by the block's size in bytes (Avro's {@link BlockingBinaryEncoder}).
 * Every Avro reader, Confluent's included, reads them; a reader that does not need a map can skip it in one step.
 */
public final class ReusableEncoder {

    /** Writes a value to the thread's encoder. */
    @FunctionalInterface
    public interface Body {
        void writeTo(BinaryEncoder encoder) throws IOException;
    }

    private static final ThreadLocal<ReusableEncoder> PLAIN = ThreadLocal.withInitial(() -> new ReusableEncoder(false));
    private static final ThreadLocal<ReusableEncoder> SIZED_BLOCKS = ThreadLocal.withInitial(() -> new ReusableEncoder(true));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private final boolean sizedBlocks;
    private BinaryEncoder encoder;
    private boolean inUse;

    private ReusableEncoder(boolean sizedBlocks) {
        this.sizedBlocks = sizedBlocks;
    }

    /** The bytes {@code body} writes, encoded with this thread's reused encoder. */
    public static byte[] encode(Body body) throws IOException {
        return encode(PLAIN.get(), body);
    }

    /** The bytes {@code body} writes, maps and arrays as blocks that carry their size in bytes. */
    public static byte[] encodeSizedBlocks(Body body) throws IOException {
        return encode(SIZED_BLOCKS.get(), body);
    }

    private static byte[] encode(ReusableEncoder reusable, Body body) throws IOException {
        if (reusable.inUse) {
            // a nested encode on the same thread (not done today) must not clobber the outer one's buffer
            return new ReusableEncoder(reusable.sizedBlocks).write(body);
        }
        reusable.inUse = true;
        try {
            return reusable.write(body);
        } finally {
            reusable.inUse = false;
        }
    }

    private byte[] write(Body body) throws IOException {
        // A failed write dropped its encoder (below), so the one reconfigured here holds nothing of an earlier record.
        encoder = sizedBlocks ? EncoderFactory.get().blockingBinaryEncoder(out, encoder)
                : EncoderFactory.get().binaryEncoder(out, encoder);
        out.reset();
        try {
            body.writeTo(encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // a blocking encoder that failed inside a map may still hold the map's open block: start over next time
            encoder = null;
            throw e;
        }
        return out.toByteArray();
    }
}
