package io.pricestream.cspsim.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaultInjectorTest {
    @Test
    void shouldDecideTheSameFaultsForTheSameSeedAndRequestOrder() {
        FaultConfig config = new FaultConfig(9, 0.2, 1, 0.2, 0.1, 5, 0.2, 0.1, 0.3);
        assertThat(plans(config, 200)).isEqualTo(plans(config, 200));
        assertThat(plans(config, 200)).isNotEqualTo(plans(new FaultConfig(10, 0.2, 1, 0.2, 0.1, 5, 0.2, 0.1, 0.3), 200));
    }

    @Test
    void shouldApplyAtMostOneExclusiveFaultPerRequestAtAboutTheConfiguredRates() {
        List<FaultPlan> plans = plans(new FaultConfig(3, 0.25, 1, 0.25, 0, 0, 0.25, 0.25, 0), 4000);
        long throttled = plans.stream().filter(FaultPlan::throttle).count();
        for (FaultPlan plan : plans) {
            int exclusive = (plan.throttle() ? 1 : 0) + (plan.error() ? 1 : 0) + (plan.html() ? 1 : 0)
                    + (plan.truncateAtBytes() >= 0 ? 1 : 0);
            assertThat(exclusive).isLessThanOrEqualTo(1);
        }
        assertThat(throttled).isBetween(850L, 1150L);
        assertThat(plans.stream().filter(FaultPlan::error).count()).isPositive();
        assertThat(plans.stream().filter(FaultPlan::html).count()).isPositive();
    }

    @Test
    void shouldInjectNothingWhenAllRatesAreZero() {
        assertThat(plans(FaultConfig.NONE, 500)).containsOnly(FaultPlan.NONE);
    }

    @Test
    void shouldNameTheKnobWhenParsingFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaultConfig.parse(java.util.Map.of("error.rate", "x"),
                FaultConfig.NONE)).hasMessageContaining("sim.fault.error.rate='x'");
    }

    private static List<FaultPlan> plans(FaultConfig config, int n) {
        FaultInjector injector = new FaultInjector(config);
        List<FaultPlan> plans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plans.add(injector.next());
        }
        return plans;
    }
}
