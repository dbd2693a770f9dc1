package io.pricestream.scrapers.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes received from the network and bytes decoded from them (after gunzip), for one scope: a whole fetcher, or one
 * run's view of it. A nested scope also adds to the scope it was taken from, so a fetcher's totals stay complete
 * while each run sees only its own bytes.
 */
final class ByteCounts {

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private final ByteCounts enclosing;

    ByteCounts() {
        this(null);
    }

    private ByteCounts(ByteCounts enclosing) {
        this.enclosing = enclosing;
    }

    /** A scope within this one: counts only its own bytes and adds them to this one's. */
    ByteCounts nested() {
        return new ByteCounts(this);
    }

    void addReceived(long bytes) {
        received.addAndGet(bytes);
        if (enclosing != null) {
            enclosing.addReceived(bytes);
        }
    }

    void addDecoded(long bytes) {
        decoded.addAndGet(bytes);
        if (enclosing != null) {
            enclosing.addDecoded(bytes);
        }
    }

    long received() {
        return received.get();
    }

    long decoded() {
        return decoded.get();
    }
}
