package io.pricestream.scrapers.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Adds every byte read from the network to a shared counter (placed below the gunzip stream: wire bytes). */
final class CountingInputStream extends FilterInputStream {

    private final AtomicLong counter;

    CountingInputStream(InputStream in, AtomicLong counter) {
        super(in);
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counter.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counter.addAndGet(n);
        }
        return n;
    }
}
