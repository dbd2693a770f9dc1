package io.pricestream.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.localstack.LocalStackConfig.PortRequest;

/**
 * Chooses the ports of one stack start before anything binds, because the Kafka server cannot report the
 * port it bound. Ports handed out by one instance are distinct from each other.
 */
final class FreePorts {

    private static final Logger LOG = LoggerFactory.getLogger(FreePorts.class);

    private final Set<Integer> handedOut = new HashSet<>();

    /**
     * The port to use for {@code request}: the configured one when free; for a default that is taken, any free
     * port; for an explicit one that is taken, a {@link LocalStackException} naming key and port.
     */
    int resolve(PortRequest request) {
        if (request.port() == 0) {
            return anyFree();
        }
        if (!handedOut.contains(request.port()) && isFree(request.port())) {
            handedOut.add(request.port());
            return request.port();
        }
        if (request.explicit()) {
            throw new LocalStackException("Port " + request.port() + " (" + request.key() + ") is already in use on "
                    + "localhost; free it or choose another port (0 = any free port)");
        }
        int chosen = anyFree();
        LOG.info("Default port {} of '{}' is taken; using free port {}", request.port(), request.key(), chosen);
        return chosen;
    }

    /** Whether a server socket can bind {@code port} on the loopback address right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // No SO_REUSEADDR: a port in TIME_WAIT would still make the real server's bind fail.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int anyFree() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port on localhost", e);
            }
        }
        throw new LocalStackException("Could not find a free port on localhost after 20 attempts");
    }
}
