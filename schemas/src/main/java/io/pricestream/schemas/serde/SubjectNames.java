package io.pricestream.schemas.serde;

/** Confluent's TopicNameStrategy: a topic's keys live under {@code <topic>-key}, its values under {@code <topic>-value}. */
public final class SubjectNames {

    private SubjectNames() {
    }

    public static String topicName(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
