package io.pricestream.cspsim.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through up to a limit, then flushes what it let through and fails. */
final class TruncatingOutputStream extends FilterOutputStream {
    private final long limit;
    private long written;
    private boolean cut;

    TruncatingOutputStream(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (cut) {
            throw new TruncatedResponseException(limit);
        }
        long room = limit - written;
        if (len > room) {
            out.write(b, off, (int) room);
            written = limit;
            cut = true;
            out.flush();
            throw new TruncatedResponseException(limit);
        }
        out.write(b, off, len);
        written += len;
    }

    @Override
    public void flush() throws IOException {
        if (!cut) {
            out.flush();
        }
    }

    /** After a cut the underlying stream stays open: closing it would end the body cleanly. */
    @Override
    public void close() throws IOException {
        if (cut) {
            throw new TruncatedResponseException(limit);
        }
        super.close();
    }
}
