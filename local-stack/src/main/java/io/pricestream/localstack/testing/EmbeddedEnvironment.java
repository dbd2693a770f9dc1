package io.pricestream.localstack.testing;

import io.pricestream.localstack.LocalStack;

/** The default provider: the JVM's {@link SharedLocalStack} (in-process Kafka, registry and PostgreSQL). */
public final class EmbeddedEnvironment implements PipelineEnvironment {

    public static final String NAME = "embedded";

    private final LocalStack stack;

    private EmbeddedEnvironment(LocalStack stack) {
        this.stack = stack;
    }

    /** The shared local stack, started on first use. */
    public static EmbeddedEnvironment shared() {
        return new EmbeddedEnvironment(SharedLocalStack.get());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    @Override
    public String jdbcUrl() {
        return stack.jdbcUrl();
    }

    @Override
    public String jdbcUser() {
        return stack.jdbcUser();
    }

    @Override
    public String jdbcPassword() {
        return stack.jdbcPassword();
    }
}
