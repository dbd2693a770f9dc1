package io.pricestream.cli.error;

/** The services pricestream connects to, named as an operator knows them. */
public enum EndpointKind {
    KAFKA("Kafka"),
    POSTGRES("PostgreSQL"),
    SCHEMA_REGISTRY("Schema Registry"),
    HTTP("HTTP endpoint");

    private final String displayName;

    EndpointKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
