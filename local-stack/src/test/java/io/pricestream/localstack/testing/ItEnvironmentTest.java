package io.pricestream.localstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ItEnvironmentTest {

    @Test
    void shouldChooseEmbeddedWhenNothingIsSet() {
        assertThat(ItEnvironment.selected(null, null)).isEqualTo("embedded");
        assertThat(ItEnvironment.selected(" ", "")).isEqualTo("embedded");
    }

    @Test
    void shouldChooseContainersWhenTheEnvironmentVariableSaysSo() {
        assertThat(ItEnvironment.selected(null, "containers")).isEqualTo("containers");
    }

    @Test
    void shouldPreferTheSystemPropertyWhenBothAreSet() {
        assertThat(ItEnvironment.selected("Embedded", "containers")).isEqualTo("embedded");
        assertThat(ItEnvironment.selected("CONTAINERS ", "embedded")).isEqualTo("containers");
    }

    @Test
    void shouldRefuseAnUnknownProviderNamingWhereItCameFrom() {
        assertThatThrownBy(() -> ItEnvironment.selected("docker", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown integration-test environment 'docker' in system property pricestream.it: "
                        + "expected embedded or containers");
        assertThatThrownBy(() -> ItEnvironment.selected(null, "k8s"))
                .hasMessageContaining("'k8s' in environment variable PRICESTREAM_IT");
    }
}
