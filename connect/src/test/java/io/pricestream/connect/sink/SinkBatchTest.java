package io.pricestream.connect.sink;

import static io.pricestream.connect.testing.Prices.active;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SinkBatchTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void shouldKeepNewestObservationAndFirstOfEqualOnesWhenPriceRepeats() {
        SinkBatch batch = new SinkBatch();

        assertThat(batch.add(P0, 0, active("p1", "1", 5).build())).isTrue();
        assertThat(batch.add(P0, 1, active("p1", "2", 5).build())).as("same observed_at: first stays").isFalse();
        assertThat(batch.add(P0, 2, active("p1", "3", 4).build())).as("older").isFalse();
        assertThat(batch.add(P0, 3, active("p1", "4", 6).build())).isTrue();

        assertThat(batch.prices()).singleElement().satisfies(p -> assertThat(p.getPrice()).isEqualTo(new BigDecimal("4")));
        assertThat(batch.superseded()).isEqualTo(3);
        assertThat(batch.records()).isEqualTo(4);
    }

    @Test
    void shouldTrackNextOffsetPerPartitionWhenRecordsAreAddedOrSkipped() {
        SinkBatch batch = new SinkBatch();
        batch.add(P0, 10, active("p1", "1", 1).build());
        batch.advance(P0, 11);
        batch.add(P1, 3, active("p2", "1", 1).build());

        assertThat(batch.nextOffsets()).containsEntry(P0, 12L).containsEntry(P1, 4L).hasSize(2);
        assertThat(batch.isEmpty()).isFalse();
        assertThat(new SinkBatch().isEmpty()).isTrue();
    }
}
