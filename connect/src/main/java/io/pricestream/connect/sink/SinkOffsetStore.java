package io.pricestream.connect.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The sink's consumer positions in {@code api_price.sink_offsets}, written in the same transaction as the
 * price rows: the database, not Kafka, is the source of truth for where the sink continues.
 *
 * <p>Writes are conditional on the value last seen ({@code expected}), which fences a zombie instance
 * that lost its partitions in a rebalance but still tries to commit.
 */
public final class SinkOffsetStore {

    private final String group;

    public SinkOffsetStore(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The stored next offset of each of {@code partitions} that has one. */
    public Map<TopicPartition, Long> load(Connection connection, Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT next_offset FROM api_price.sink_offsets"
                + " WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?")) {
            for (TopicPartition partition : partitions) {
                query.setString(1, group);
                query.setString(2, partition.topic());
                query.setInt(3, partition.partition());
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        stored.put(partition, row.getLong(1));
                    }
                }
            }
        }
        return stored;
    }

    /** Every stored next offset of {@code topic}'s partitions: where the group stands, for lag and progress readers. */
    public Map<TopicPartition, Long> loadAll(Connection connection, String topic) throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT kafka_partition, next_offset FROM api_price.sink_offsets"
                + " WHERE consumer_group = ? AND topic = ?")) {
            query.setString(1, group);
            query.setString(2, topic);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(new TopicPartition(topic, rows.getInt(1)), rows.getLong(2));
                }
            }
        }
        return stored;
    }

    /**
     * Stores {@code next} offsets inside the caller's transaction, in partition order (no deadlocks between
     * instances), each only if the stored value is still {@code expected} (absent = no row yet).
     *
     * @throws OffsetFencedException when another instance has moved a partition's offset
     */
    public void store(Connection connection, Map<TopicPartition, Long> next, Map<TopicPartition, Long> expected) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_price.sink_offsets"
                + " (consumer_group, topic, kafka_partition, next_offset) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement update = connection.prepareStatement("UPDATE api_price.sink_offsets"
                     + " SET next_offset = ?, updated_at = now()"
                     + " WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?")) {
            for (TopicPartition partition : next.keySet().stream()
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)).toList()) {
                Long was = expected.get(partition);
                int written;
                if (was == null) {
                    insert.setString(1, group);
                    insert.setString(2, partition.topic());
                    insert.setInt(3, partition.partition());
                    insert.setLong(4, next.get(partition));
                    written = insert.executeUpdate();
                } else {
                    update.setLong(1, next.get(partition));
                    update.setString(2, group);
                    update.setString(3, partition.topic());
                    update.setInt(4, partition.partition());
                    update.setLong(5, was);
                    written = update.executeUpdate();
                }
                if (written != 1) {
                    throw new OffsetFencedException(group, partition, was);
                }
            }
        }
    }
}
