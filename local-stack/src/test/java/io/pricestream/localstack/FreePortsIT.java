package io.pricestream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.pricestream.localstack.LocalStackConfig.PortRequest;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class FreePortsIT {

    @Test
    void shouldPickAnotherPortWhenDefaultIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int chosen = new FreePorts().resolve(new PortRequest("local.kafka.port", taken.getLocalPort(), false));

            assertThat(chosen).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(FreePorts.isFree(chosen)).isTrue();
        }
    }

    @Test
    void shouldNamePortAndKeyWhenExplicitPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new FreePorts().resolve(new PortRequest("local.postgres.port", taken.getLocalPort(), true)))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()))
                    .hasMessageContaining("local.postgres.port");
        }
    }

    @Test
    void shouldHandOutDistinctPortsWhenAnyPortIsRequested() {
        FreePorts ports = new FreePorts();
        int first = ports.resolve(new PortRequest("a", 0, true));
        int second = ports.resolve(new PortRequest("b", 0, true));
        int third = ports.resolve(new PortRequest("c", first, false));

        assertThat(first).isNotEqualTo(second);
        assertThat(third).isNotIn(first, second);
    }
}
