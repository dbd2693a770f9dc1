package io.pricestream.cspsim.http;

import java.io.IOException;

/** Raised when a response reaches its planned truncation point; the connection is then dropped. */
public final class TruncatedResponseException extends IOException {
    TruncatedResponseException(long bytes) {
        super("response truncated after " + bytes + " bytes (fault injection)");
    }
}
