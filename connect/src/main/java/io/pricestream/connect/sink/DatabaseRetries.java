package io.pricestream.connect.sink;

import java.sql.SQLException;
import java.time.Duration;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.function.CheckedSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one database action of the sink under its retry policy: transient failures ({@link TransientFailures})
 * are retried on a fresh connection with exponential backoff, counted and logged as "retry n of m".
 *
 * <p>Not thread-safe, like the one connection it discards: the sink never runs two actions at once (see
 * {@link InFlightWrite}).
 */
final class DatabaseRetries {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRetries.class);

    private final SinkDatabase database;
    private final SinkMetrics metrics;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    DatabaseRetries(SinkConfig config, SinkDatabase database, SinkMetrics metrics) {
        this.database = database;
        this.metrics = metrics;
        this.maxAttempts = config.retryMaxAttempts();
        this.initialBackoff = config.retryInitialBackoff();
        this.maxBackoff = config.retryMaxBackoff();
    }

    /**
     * Runs {@code action} until it succeeds, fails permanently or runs out of attempts.
     *
     * @param what what the action does, for the log and errors ("write a batch of 5000 prices")
     * @throws SQLException       the database's refusal, when it is not transient
     * @throws SinkWriteException when transient failures outlast every attempt
     */
    <T> T call(String what, CheckedSupplier<T> action) throws SQLException {
        RetryPolicyBuilder<T> policy = RetryPolicy.<T>builder()
                .handleIf(TransientFailures::isTransient)
                .withMaxAttempts(maxAttempts)
                .onFailedAttempt(event -> {
                    database.discard();
                    if (event.getAttemptCount() < maxAttempts && TransientFailures.isTransient(event.getLastException())) {
                        metrics.retried();
                        LOG.warn("Cannot {} in {} ({}); retry {} of {}", what, database.describe(),
                                event.getLastException().getMessage(), event.getAttemptCount(), maxAttempts - 1);
                    }
                });
        policy = initialBackoff.compareTo(maxBackoff) < 0 ? policy.withBackoff(initialBackoff, maxBackoff) : policy.withDelay(initialBackoff);
        try {
            return Failsafe.with(policy.build()).get(action);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql && !TransientFailures.isTransient(sql)) {
                throw sql;
            }
            throw new SinkWriteException("Cannot " + what + " in " + database.describe() + " after " + maxAttempts
                    + " attempts: " + (cause == null ? e.getMessage() : cause.getMessage()), cause == null ? e : cause);
        }
    }
}
