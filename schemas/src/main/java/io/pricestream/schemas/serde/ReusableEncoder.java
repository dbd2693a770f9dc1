package io.pricestream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * One Avro binary encoder and output buffer per thread, reused for every store value the thread writes.
 *
 * <p>Every record the scrapers publish and every store value and output the streams app writes is encoded once;
 * a new buffered encoder per record allocates and discards a 2 KiB buffer, and a direct encoder makes one
 * synchronized stream write per byte. Reusing both keeps encoding to a copy of the finished bytes. Each thread
 * has its own pair, so it needs no locking.
 */
public final class ReusableEncoder {

    /** Writes a value to the thread's encoder. */
    @FunctionalInterface
    public interface Body {
        void writeTo(BinaryEncoder encoder) throws IOException;
    }

    private static final ThreadLocal<ReusableEncoder> PER_THREAD = ThreadLocal.withInitial(ReusableEncoder::new);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    private boolean inUse;

    private ReusableEncoder() {
    }

    /** The bytes {@code body} writes, encoded with this thread's reused encoder. */
    public static byte[] encode(Body body) throws IOException {
        ReusableEncoder reusable = PER_THREAD.get();
        if (reusable.inUse) {
            // a nested encode on the same thread (not done today) must not clobber the outer one's buffer
            return new ReusableEncoder().write(body);
        }
        reusable.inUse = true;
        try {
            return reusable.write(body);
        } finally {
            reusable.inUse = false;
        }
    }

    private byte[] write(Body body) throws IOException {
        // Reconfiguring flushes what a failed write left in the encoder into out; the reset after it drops that too.
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        out.reset();
        body.writeTo(encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
