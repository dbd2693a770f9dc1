package io.pricestream.cspsim;

import io.pricestream.cspsim.http.FaultConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CspSimConfigTest {
    @Test
    void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
        CspSimConfig config = CspSimConfig.builder().build();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.scale()).isEqualTo(10_000);
        assertThat(config.azurePageSize()).isEqualTo(100);
        assertThat(config.faults()).isEqualTo(FaultConfig.NONE);
    }

    @Test
    void shouldNameEveryBadKeyWhenValidating() {
        assertThatThrownBy(() -> CspSimConfig.builder().port(70_000).scale(0).gcpApiKey(" ").azurePageSize(5000).build())
                .isInstanceOf(CspSimConfigException.class)
                .hasMessageContaining("sim.port=70000").hasMessageContaining("sim.scale=0")
                .hasMessageContaining("sim.gcp.api.key").hasMessageContaining("sim.azure.page.size=5000");
        assertThatThrownBy(() -> CspSimConfig.builder().scale(5_000_001).build()).hasMessageContaining("sim.scale");
    }

    @Test
    void shouldParseTextValuesAndReportUnparsableOnes() {
        CspSimConfig config = CspSimConfig.fromMap(Map.of("sim.port", "8089", "sim.scale", "1_000_000", "sim.seed", "7",
                "sim.fault.throttle.rate", "0.25", "sim.fault.throttle.retry.after.s", "3", "other.key", "ignored"));
        assertThat(config.port()).isEqualTo(8089);
        assertThat(config.scale()).isEqualTo(1_000_000);
        assertThat(config.faults().throttleRate()).isEqualTo(0.25);
        assertThat(config.faults().retryAfterSeconds()).isEqualTo(3);
        assertThatThrownBy(() -> CspSimConfig.fromMap(Map.of("sim.seed", "abc", "sim.fault.html.rate", "2",
                "sim.fault.nonsense", "1", "sim.prot", "1")))
                .hasMessageContaining("sim.seed='abc'").hasMessageContaining("sim.fault.html.rate=2.0")
                .hasMessageContaining("sim.fault.nonsense").hasMessageContaining("sim.prot");
    }

    @Test
    void shouldRoundTripItsOwnDescriptionAndTreatNullAsUnset() {
        CspSimConfig config = CspSimConfig.builder().port(1234).scale(777).seed(5).build();
        Map<String, String> text = new java.util.HashMap<>();
        config.describe().forEach((k, v) -> text.put(k, String.valueOf(v)));
        text.put("sim.gcp.api.key", config.gcpApiKey());
        assertThat(CspSimConfig.fromMap(text)).isEqualTo(config);
        Map<String, String> withNull = new java.util.HashMap<>();
        withNull.put("sim.port", null);
        assertThat(CspSimConfig.fromMap(withNull).port()).isZero();
    }

    @Test
    void shouldKeepTheResponseCacheOffUnlessSimResponseCacheIsTrue() {
        assertThat(CspSimConfig.builder().build().responseCache()).isFalse();
        assertThat(CspSimConfig.fromMap(Map.of("sim.response.cache", "true")).responseCache()).isTrue();
        assertThat(CspSimConfig.fromMap(Map.of("sim.response.cache", " FALSE ")).responseCache()).isFalse();
        assertThatThrownBy(() -> CspSimConfig.fromMap(Map.of("sim.response.cache", "yes")))
                .hasMessageContaining("sim.response.cache='yes': must be true or false");
        CspSimConfig on = CspSimConfig.builder().responseCache(true).build();
        Map<String, String> text = new java.util.HashMap<>();
        on.describe().forEach((k, v) -> text.put(k, String.valueOf(v)));
        text.put("sim.gcp.api.key", on.gcpApiKey());
        assertThat(CspSimConfig.fromMap(text)).isEqualTo(on);
    }

    @Test
    void shouldMapCommandLineFlagsToKeys() {
        assertThat(CspSimMain.parse(new String[] {"--port", "9000", "--scale=500", "--seed", "3",
            "--sim.fault.error.rate=0.1"}))
                .containsEntry("sim.port", "9000").containsEntry("sim.scale", "500").containsEntry("sim.seed", "3")
                .containsEntry("sim.fault.error.rate", "0.1");
        assertThatThrownBy(() -> CspSimMain.parse(new String[] {"--colour", "red"})).hasMessageContaining("--colour");
        assertThatThrownBy(() -> CspSimMain.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
    }
}
