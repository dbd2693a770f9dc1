package io.pricestream.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StatusFormatterTest {

    private static final StatusReport REPORT = new StatusReport(
            List.of(new StatusReport.Run("aws", "r1", "OK", "2026-11-22T14:00:00Z", 1500, 2, 3, List.of())),
            List.of(new StatusReport.Lag("streams", "pricestream-streams", List.of("prices.raw.aws"), 0),
                    new StatusReport.Lag("sink", "pricestream-sink", List.of("prices.sku"), 7)),
            List.of(new StatusReport.Prices("aws", 900, 12, 950)),
            961, new StatusReport.Cdc("pricestream_prices", true, true, 0L));

    @Test
    void shouldRenderEveryPartAsATable() {
        String text = StatusFormatter.table(REPORT);

        assertThat(text).containsPattern("aws +OK +1500 +2 +3 +2026-11-22T14:00:00Z +r1");
        assertThat(text).containsPattern("sink +pricestream-sink +7 +prices.sku");
        assertThat(text).containsPattern("cdc +slot pricestream_prices +active, 0 WAL bytes behind");
        assertThat(text).containsPattern("aws +900 +12 +950");
        assertThat(text).contains("Change events published: 961");
    }

    @Test
    void shouldRenderJsonWithTheReportsFieldNames() throws Exception {
        JsonNode json = new ObjectMapper().readTree(StatusFormatter.json(REPORT));

        assertThat(json.at("/lastRuns/0/recordsPublished").asLong()).isEqualTo(1500);
        assertThat(json.at("/lag/1/lag").asLong()).isEqualTo(7);
        assertThat(json.at("/database/0/historyPeriods").asLong()).isEqualTo(950);
        assertThat(json.at("/eventsPublished").asLong()).isEqualTo(961);
        assertThat(json.at("/cdc/active").asBoolean()).isTrue();
    }

    @Test
    void shouldSayWhenThereIsNothingYet() {
        String text = StatusFormatter.table(new StatusReport(List.of(), List.of(), List.of(), 0,
                new StatusReport.Cdc("pricestream_prices", false, false, null)));

        assertThat(text).contains("none yet").contains("no prices yet").contains("slot does not exist");
    }
}
