package io.pricestream.cspsim.testing;

import com.sun.net.httpserver.HttpHandler;
import io.pricestream.cspsim.SimulatedClouds;
import io.pricestream.cspsim.http.FaultConfig;
import io.pricestream.cspsim.http.FaultInjector;

/** The three API handlers of a {@link SimulatedClouds}, routed like the server does, without sockets. */
public final class InMemoryApis {
    public static final String GCP_KEY = "test-key";

    private final HttpHandler aws;
    private final HttpHandler azure;
    private final HttpHandler gcp;

    public InMemoryApis(SimulatedClouds clouds, int azurePageSize) {
        this(clouds, azurePageSize, new FaultInjector(FaultConfig.NONE));
    }

    public InMemoryApis(SimulatedClouds clouds, int azurePageSize, FaultInjector faults) {
        this.aws = clouds.aws().handler(clouds.catalogue(), faults);
        this.azure = clouds.azure().handler(clouds.catalogue(), faults, azurePageSize);
        this.gcp = clouds.gcp().handler(clouds.catalogue(), faults, GCP_KEY);
    }

    /** Runs a GET through the matching handler. */
    public InMemoryExchange get(String pathAndQuery) {
        HttpHandler handler = pathAndQuery.startsWith("/offers/") ? aws
                : pathAndQuery.startsWith("/api/retail/prices") ? azure : gcp;
        return InMemoryExchange.get(handler, pathAndQuery);
    }

    /** Body of a GET that must answer 200. */
    public byte[] fetch(String pathAndQuery) {
        InMemoryExchange exchange = get(pathAndQuery);
        if (exchange.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + exchange.status() + ": " + exchange.text());
        }
        return exchange.bytes();
    }

    /** A reference scraper reading through these handlers. */
    public ReferenceScraper scraper() {
        return new ReferenceScraper(this::fetch, GCP_KEY);
    }
}
