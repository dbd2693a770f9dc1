package io.pricestream.cli.pipeline;

import java.util.Map;

/** A topic as the pipeline wants it: partitions, replication factor and the topic configs it relies on. */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }
}
