package io.pricestream.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Schema Registry compatibility levels, as Confluent names them; BACKWARD is the default. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the old ones. */
    public boolean backward() {
        return backward;
    }

    /** The old schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level case-insensitively, as the registry's REST API accepts it. */
    public static Optional<CompatibilityLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.name().equals(wanted)).findFirst();
    }
}
