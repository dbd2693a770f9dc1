package io.pricestream.cli.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pricestream.schemas.kafka.PendingRecords;

/**
 * Waits until every component has processed what the scrapers published, in pipeline order:
 * <ol>
 * <li>the streams app's group has committed the end of every raw topic (exactly-once: its output for those
 *     records is committed with them);</li>
 * <li>no committed record of {@code prices.sku} follows the offsets the sink stored with its rows;</li>
 * <li>the CDC publisher's stored offset has reached the last transaction that wrote infra_price (it stores an
 *     offset only after Kafka acknowledged the events of its batch), so every change the sink committed is
 *     on the events topic.</li>
 * </ol>
 */
public final class CatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private final PipelineSettings settings;
    private final ConsumerLag lag;
    private final PendingRecords pending;
    private final PriceDatabase database;
    private final Runnable healthCheck;

    /** @param healthCheck throws when a component has stopped, so waiting ends with its error instead of a timeout */
    public CatchUp(PipelineSettings settings, ConsumerLag lag, PriceDatabase database, Runnable healthCheck) {
        this.settings = settings;
        this.lag = lag;
        this.pending = new PendingRecords(settings.endpoints().bootstrapServers(), settings.kafkaOverrides());
        this.database = database;
        this.healthCheck = healthCheck;
    }

    /** True when all three caught up within {@code timeout}; false (logged) when not. */
    public boolean await(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String group = settings.streams().applicationId();
        if (!waitFor("streams app '" + group + "' to process the raw topics", deadline,
                () -> lag.lag(group, settings.rawTopics()) == 0)) {
            return false;
        }
        String skuTopic = settings.sink().topic();
        if (!waitFor("sink '" + settings.sink().groupId() + "' to write " + skuTopic, deadline,
                () -> !pending.any(database.sinkOffsets(settings.sink().groupId(), skuTopic), lag.endOffsets(List.of(skuTopic))))) {
            return false;
        }
        java.util.OptionalLong lastWrite = database.lastPriceWriteTransaction();
        if (lastWrite.isEmpty()) {
            return true;
        }
        CdcProgress cdc = new CdcProgress(settings.endpoints().bootstrapServers(), settings.kafkaOverrides(), settings.cdc().offsetTopic(),
                settings.cdc().slotName());
        return waitFor("CDC publisher on slot '" + settings.cdc().slotName() + "' to publish transaction " + lastWrite.getAsLong(), deadline,
                () -> cdc.lastPublishedTransaction(lag.endOffsets(List.of(cdc.offsetTopic())))
                        .stream().anyMatch(published -> published >= lastWrite.getAsLong()));
    }

    private interface Condition {
        boolean holds();
    }

    private boolean waitFor(String what, Instant deadline, Condition condition) throws InterruptedException {
        LOG.info("Waiting for {}", what);
        while (true) {
            healthCheck.run();
            if (condition.holds()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                LOG.warn("Gave up waiting for {} (pipeline.catch.up.timeout.ms)", what);
                return false;
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }
}
