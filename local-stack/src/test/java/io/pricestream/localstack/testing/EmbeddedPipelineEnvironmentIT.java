package io.pricestream.localstack.testing;

/** The environment contract on the embedded local stack (the default provider). */
class EmbeddedPipelineEnvironmentIT extends AbstractPipelineEnvironmentIT {

    @Override
    protected PipelineEnvironment environment() {
        return ItEnvironment.embedded();
    }
}
