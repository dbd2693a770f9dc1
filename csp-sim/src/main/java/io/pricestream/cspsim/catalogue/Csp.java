package io.pricestream.cspsim.catalogue;

import java.util.Locale;

/** The three simulated cloud service providers. */
public enum Csp {
    AWS, AZURE, GCP;

    /** Lower-case name used in URLs, truth JSON and price records ({@code aws}, {@code azure}, {@code gcp}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code aws|azure|gcp} (any case); throws naming the bad value. */
    public static Csp fromCode(String code) {
        for (Csp csp : values()) {
            if (csp.code().equalsIgnoreCase(code)) {
                return csp;
            }
        }
        throw new IllegalArgumentException("unknown csp '" + code + "': expected aws, azure or gcp");
    }
}
