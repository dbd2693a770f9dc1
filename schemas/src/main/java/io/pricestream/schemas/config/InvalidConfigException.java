package io.pricestream.schemas.config;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;

/** Every problem found in one configuration, so the operator fixes them all in one go. */
public class InvalidConfigException extends ConfigException {

    /** One bad key: its name, the value given (masked for passwords) and why it was refused. */
    public record Problem(String key, Object value, String reason) {
        @Override
        public String toString() {
            return value == null ? key + ": " + reason : key + "=" + value + ": " + reason;
        }
    }

    private final List<Problem> problems;

    public InvalidConfigException(List<Problem> problems) {
        super("Invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
