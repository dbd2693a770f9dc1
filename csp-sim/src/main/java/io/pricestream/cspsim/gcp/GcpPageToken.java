package io.pricestream.cspsim.gcp;

import io.pricestream.cspsim.catalogue.SeedHash;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: base64url of a scope, an offset and a check, so tampered tokens are refused. */
final class GcpPageToken {
    private GcpPageToken() {
    }

    static String encode(String scope, long offset) {
        String raw = scope + ":" + offset + ":" + Long.toHexString(check(scope, offset));
        return Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The offset of a token issued for {@code scope}; empty/absent token = 0; throws when invalid. */
    static long decode(String scope, String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int last = raw.lastIndexOf(':');
            int middle = raw.lastIndexOf(':', last - 1);
            if (middle < 0 || !raw.substring(0, middle).equals(scope)) {
                throw new IllegalArgumentException("page token was issued for another request");
            }
            long offset = Long.parseLong(raw.substring(middle + 1, last));
            if (offset < 0 || !Long.toHexString(check(scope, offset)).equals(raw.substring(last + 1))) {
                throw new IllegalArgumentException("page token check failed");
            }
            return offset;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Invalid page token: " + token, e);
        }
    }

    private static long check(String scope, long offset) {
        return SeedHash.of(scope.hashCode(), offset, 0x70CE);
    }
}
