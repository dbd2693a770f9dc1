package io.pricestream.cspsim;

import java.util.List;

/** A simulator configuration with problems; the message lists every bad key with its value and reason. */
public final class CspSimConfigException extends IllegalArgumentException {
    private final List<String> problems;

    CspSimConfigException(List<String> problems) {
        super("invalid csp-sim configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each starting with the key. */
    public List<String> problems() {
        return problems;
    }
}
