package io.pricestream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pricestream.bench.report.Environment;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;
import org.junit.jupiter.api.Test;

class FullRefreshScenarioTest {

    @Test
    void shouldJudgeFullRefreshAgainstTheSlowestLimitOfTheRun() {
        RunReport.Builder builder = new RunReport.Builder(Instant.now(), List.of("parse-limit", "full-refresh"), 100)
                .stage(StageResult.limit("parse-limit", 100_000, Duration.ofSeconds(1), "m"))
                .stage(StageResult.limit("consume-limit", 100_000, Duration.ofSeconds(2), "m"))
                .stage(StageResult.limit("scrape-aws", 60_000, Duration.ofSeconds(6), "m"))
                .stage(StageResult.limit("full-refresh", 100_000, Duration.ofSeconds(4), "m"));

        FullRefreshScenario.compareWithLimits(builder);
        RunReport report = builder.build(new Environment(Map.of()));

        assertThat(report.comparisons()).extracting(c -> c.stage() + "/" + c.against())
                .containsExactly("full-refresh/consume-limit", "scrape-aws/parse-limit");
        assertThat(report.comparisons().get(0).ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(report.comparisons().get(0).goal()).isCloseTo(1 / 1.5, within(1e-9));
        assertThat(report.comparisons().get(0).met()).isFalse();
        assertThat(report.comparisons().get(1).ratio()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void shouldAddNoRatioWhenNoLimitWasMeasured() {
        RunReport.Builder builder = new RunReport.Builder(Instant.now(), List.of("full-refresh"), 100)
                .stage(StageResult.limit("full-refresh", 100, Duration.ofSeconds(1), "m"));

        FullRefreshScenario.compareWithLimits(builder);

        assertThat(builder.build(new Environment(Map.of())).comparisons()).isEmpty();
    }
}
