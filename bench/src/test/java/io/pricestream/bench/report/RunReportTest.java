package io.pricestream.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunReportTest {

    private static RunReport sample() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("cores", "2");
        facts.put("postgres fsync / synchronous_commit", "on / on");
        return new RunReport.Builder(Instant.parse("2026-11-22T15:35:00Z"), List.of("sink"), 1000)
                .stage(StageResult.limit("copy-limit", 1000, Duration.ofMillis(10), "copy|method"))
                .stage(new StageResult("pricestream-sink", 1000, Duration.ofMillis(20), "copy-limit", "ours"))
                .stage(new StageResult("debezium-jdbc-sink", 1000, Duration.ofMillis(200), "copy-limit", "peer"))
                .compare("pricestream-sink", "debezium-jdbc-sink", 5.0)
                .compare("pricestream-sink", "copy-limit", 0.5)
                .note("a note")
                .build(new Environment(facts));
    }

    @Test
    void shouldAddPlainRatioWhenStageNamesLimitAndReplaceItWhenGoalIsGiven() {
        RunReport report = sample();

        assertThat(report.comparisons()).extracting(c -> c.stage() + "/" + c.against() + "=" + c.goal())
                .containsExactly("debezium-jdbc-sink/copy-limit=null", "pricestream-sink/debezium-jdbc-sink=5.0",
                        "pricestream-sink/copy-limit=0.5");
        assertThat(report.comparisons().get(1).ratio()).isCloseTo(10.0, within(1e-9));
        assertThat(report.comparisons().get(2).ratio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldFailNamingStageWhenLimitWasNotMeasuredFirst() {
        RunReport.Builder builder = new RunReport.Builder(Instant.now(), List.of("sink"), 1);

        assertThatThrownBy(() -> builder.stage(new StageResult("ours", 1, Duration.ofMillis(1), "copy-limit", "m")))
                .hasMessageContaining("'ours'").hasMessageContaining("'copy-limit'");
        assertThatThrownBy(() -> builder.compare("ours", "nothing", 1.0)).hasMessageContaining("no stage named 'ours'");
    }

    @Test
    void shouldRenderEveryStageRatioAndFactWhenWritingMarkdown() {
        String markdown = MarkdownReport.render(sample());

        assertThat(markdown)
                .contains("| cores | 2 |")
                .contains("| postgres fsync / synchronous_commit | on / on |")
                .contains("| copy-limit | 1000 | 0.01 | 100,000 | (is a limit) | | |")
                .contains("| pricestream-sink | 1000 | 0.02 | 50,000 | copy-limit | 100,000 | 0.50 |")
                .contains("| debezium-jdbc-sink | 1000 | 0.20 | 5,000 | copy-limit | 100,000 | 0.05 |")
                .contains("| pricestream-sink / debezium-jdbc-sink | 10.00 | ≥ 5.00 | yes |")
                .contains("| pricestream-sink / copy-limit | 0.50 | ≥ 0.50 | yes |")
                .contains("- `copy-limit`: copy|method")
                .contains("- a note");
    }

    @Test
    void shouldWritePlainNumbersWhenRenderingJson() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(sample()));

        assertThat(json.path("scale").asLong()).isEqualTo(1000);
        assertThat(json.path("environment").path("cores").asText()).isEqualTo("2");
        assertThat(json.path("stages")).hasSize(3);
        assertThat(json.path("stages").get(1).path("records_per_second").asDouble()).isCloseTo(50_000.0, within(1e-6));
        assertThat(json.path("stages").get(0).path("limit_stage").isNull()).isTrue();
        assertThat(json.path("stages").get(1).path("limit_records_per_second").asDouble()).isCloseTo(100_000.0, within(1e-6));
        assertThat(json.path("stages").get(1).path("ratio_to_limit").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(json.path("comparisons").get(1).path("met").asBoolean()).isTrue();
        assertThat(json.path("comparisons").get(0).path("met").isNull()).isTrue();
    }
}
