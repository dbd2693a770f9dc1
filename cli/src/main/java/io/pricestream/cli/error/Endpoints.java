package io.pricestream.cli.error;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints the running verb is talking to. A verb records each one as soon as it knows it, so that
 * a bare "connection refused" deep in a client library can still be reported as "cannot reach Kafka at
 * 127.0.0.1:9092".
 */
public final class Endpoints {

    private final Map<EndpointKind, String> addresses = new ConcurrentHashMap<>();

    /** Records where {@code kind} lives; give URLs without credentials. */
    public void record(EndpointKind kind, String address) {
        addresses.put(kind, address);
    }

    public Optional<String> get(EndpointKind kind) {
        return Optional.ofNullable(addresses.get(kind));
    }

    /** The only recorded endpoint, if exactly one is: the one a context-free connection error must be about. */
    public Optional<Map.Entry<EndpointKind, String>> single() {
        return addresses.size() == 1 ? addresses.entrySet().stream().findFirst() : Optional.empty();
    }
}
