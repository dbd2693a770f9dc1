package io.pricestream.localstack.testing;

/**
 * The environment contract on Testcontainers with the images of {@code docker-compose.yml}; skipped, with
 * {@link ContainersEnvironment#NO_DOCKER}, where no Docker engine is found.
 */
class ContainersPipelineEnvironmentIT extends AbstractPipelineEnvironmentIT {

    @Override
    protected PipelineEnvironment environment() {
        return ItEnvironment.containers();
    }
}
