package io.pricestream.cli.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import io.pricestream.schemas.registry.SchemaRegistryException;
import io.pricestream.scrapers.core.ScrapeException;

/** A secured endpoint that refuses pricestream's credentials ends a verb with one line naming it, not a stack trace. */
class AuthenticationFailureTest {

    @Test
    void shouldNameKafkaAndTheSettingsWhenSaslAuthenticationFails() {
        Endpoints endpoints = new Endpoints();
        endpoints.record(EndpointKind.KAFKA, "b1.example.com:9092");
        Throwable error = new ScrapeException("Cannot publish to Kafka at b1.example.com:9092: topic 'prices.raw.aws' unavailable",
                new SaslAuthenticationException("Authentication failed: Invalid username or password"));

        assertThat(FailureClassifier.classify(error, endpoints)).hasValueSatisfying(failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(failure.message()).isEqualTo("Kafka at b1.example.com:9092 refused pricestream's credentials (check the kafka.* "
                    + "security settings): Authentication failed: Invalid username or password");
        });
    }

    @Test
    void shouldSayTheRequestWasRefusedWhenAnAclDeniesIt() {
        Throwable error = new ExecutionException(new TopicAuthorizationException("Not authorized to access topics: [prices.sku]"));

        assertThat(FailureClassifier.classify(error, new Endpoints())).hasValueSatisfying(failure ->
                assertThat(failure.message()).startsWith("Kafka at its bootstrap servers refused pricestream's request"));
    }

    @Test
    void shouldKeepTheRegistrysMessageWhenItRefusesTheCredentials() {
        Throwable error = new RuntimeException(new SchemaRegistryException(401, 401,
                "Schema Registry at https://r.example.com answered HTTP 401 to GET /subjects: it refused the credentials"));

        assertThat(FailureClassifier.classify(error, new Endpoints())).hasValueSatisfying(failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(failure.message()).isEqualTo("Schema Registry at https://r.example.com answered HTTP 401 to GET /subjects: "
                    + "it refused the credentials");
        });
    }
}
