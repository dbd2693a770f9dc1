package io.pricestream.cspsim;

import io.pricestream.cspsim.http.FaultConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable configuration of the simulator. Build it with {@link #builder()} or
 * {@link #fromMap(Map)}; both validate every key and throw {@link CspSimConfigException} naming each
 * bad one. Keys are documented in the module README.
 *
 * @param host          bind address ({@code sim.host})
 * @param port          listen port, 0 = any free port ({@code sim.port})
 * @param scale         approximate total price points ({@code sim.scale})
 * @param seed          catalogue seed ({@code sim.seed})
 * @param gcpApiKey     the API key GCP endpoints accept ({@code sim.gcp.api.key})
 * @param azurePageSize items per Azure page ({@code sim.azure.page.size})
 * @param httpThreads   HTTP worker threads ({@code sim.http.threads})
 * @param faults        fault knobs ({@code sim.fault.*})
 * @param responseCache keep each un-faulted 200 response's bytes and serve repeats from memory
 *                      ({@code sim.response.cache}); off by default
 */
public record CspSimConfig(String host, int port, long scale, long seed, String gcpApiKey, int azurePageSize,
                           int httpThreads, FaultConfig faults, boolean responseCache) {
    public static final String HOST = "sim.host";
    public static final String PORT = "sim.port";
    public static final String SCALE = "sim.scale";
    public static final String SEED = "sim.seed";
    public static final String GCP_API_KEY = "sim.gcp.api.key";
    public static final String AZURE_PAGE_SIZE = "sim.azure.page.size";
    public static final String HTTP_THREADS = "sim.http.threads";
    public static final String RESPONSE_CACHE = "sim.response.cache";
    /** Largest supported scale. */
    public static final long MAX_SCALE = 5_000_000;

    /** Validates on construction. */
    public CspSimConfig {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add(HOST + "='" + host + "': must not be blank");
        }
        if (port < 0 || port > 65535) {
            problems.add(PORT + "=" + port + ": must be within [0, 65535]");
        }
        if (scale < 1 || scale > MAX_SCALE) {
            problems.add(SCALE + "=" + scale + ": must be within [1, " + MAX_SCALE + "]");
        }
        if (gcpApiKey == null || gcpApiKey.isBlank()) {
            problems.add(GCP_API_KEY + "='" + gcpApiKey + "': must not be blank");
        }
        if (azurePageSize < 1 || azurePageSize > 1000) {
            problems.add(AZURE_PAGE_SIZE + "=" + azurePageSize + ": must be within [1, 1000]");
        }
        if (httpThreads < 1 || httpThreads > 64) {
            problems.add(HTTP_THREADS + "=" + httpThreads + ": must be within [1, 64]");
        }
        if (faults == null) {
            problems.add(FaultConfig.PREFIX + "*: fault config must not be null");
        } else {
            problems.addAll(faults.problems());
        }
        if (!problems.isEmpty()) {
            throw new CspSimConfigException(problems);
        }
    }

    /** A builder with the documented defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code sim.*} keys from text values (CLI flags, properties, environment); a null value
     * means unset. Unknown {@code sim.*} keys and unparsable values are reported together with the
     * other problems. Keys outside {@code sim.*} are ignored.
     */
    public static CspSimConfig fromMap(Map<String, String> values) {
        Builder builder = builder();
        List<String> problems = new ArrayList<>();
        Map<String, String> faults = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                return; // unset: keep the default
            }
            try {
                switch (key) {
                    case HOST -> builder.host(value);
                    case PORT -> builder.port(Integer.parseInt(value.trim()));
                    case SCALE -> builder.scale(Long.parseLong(value.trim().replace("_", "")));
                    case SEED -> builder.seed(Long.parseLong(value.trim()));
                    case GCP_API_KEY -> builder.gcpApiKey(value);
                    case AZURE_PAGE_SIZE -> builder.azurePageSize(Integer.parseInt(value.trim()));
                    case HTTP_THREADS -> builder.httpThreads(Integer.parseInt(value.trim()));
                    case RESPONSE_CACHE -> {
                        String flag = value.trim().toLowerCase(java.util.Locale.ROOT);
                        if (flag.equals("true") || flag.equals("false")) {
                            builder.responseCache(Boolean.parseBoolean(flag));
                        } else {
                            problems.add(key + "='" + value + "': must be true or false");
                        }
                    }
                    default -> {
                        if (key.startsWith(FaultConfig.PREFIX)) {
                            faults.put(key, value);
                        } else if (key.startsWith("sim.")) {
                            problems.add(key + ": unknown key");
                        }
                    }
                }
            } catch (NumberFormatException e) {
                problems.add(key + "='" + value + "': not a number");
            }
        });
        try {
            builder.faults(FaultConfig.parse(faults, FaultConfig.NONE));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new CspSimConfigException(problems);
        }
        return builder.build();
    }

    /** The effective configuration as {@code key → value} (nothing secret here but the GCP key, masked). */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(HOST, host);
        map.put(PORT, port);
        map.put(SCALE, scale);
        map.put(SEED, seed);
        map.put(GCP_API_KEY, "****");
        map.put(AZURE_PAGE_SIZE, azurePageSize);
        map.put(HTTP_THREADS, httpThreads);
        map.put(RESPONSE_CACHE, responseCache);
        faults.asMap().forEach((k, v) -> map.put(FaultConfig.PREFIX + k, v));
        return map;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private long scale = 10_000;
        private long seed = 1;
        private String gcpApiKey = "sim-key";
        private int azurePageSize = 100;
        private int httpThreads = 4;
        private FaultConfig faults = FaultConfig.NONE;
        private boolean responseCache = false;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder scale(long scale) {
            this.scale = scale;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder gcpApiKey(String gcpApiKey) {
            this.gcpApiKey = gcpApiKey;
            return this;
        }

        public Builder azurePageSize(int azurePageSize) {
            this.azurePageSize = azurePageSize;
            return this;
        }

        public Builder httpThreads(int httpThreads) {
            this.httpThreads = httpThreads;
            return this;
        }

        public Builder faults(FaultConfig faults) {
            this.faults = faults;
            return this;
        }

        /** See {@link CspSimConfig#responseCache()}. */
        public Builder responseCache(boolean responseCache) {
            this.responseCache = responseCache;
            return this;
        }

        public CspSimConfig build() {
            return new CspSimConfig(host, port, scale, seed, gcpApiKey, azurePageSize, httpThreads, faults, responseCache);
        }
    }
}
