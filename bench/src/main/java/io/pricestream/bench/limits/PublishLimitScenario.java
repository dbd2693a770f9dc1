package io.pricestream.bench.limits;

import java.time.Duration;

import io.pricestream.bench.BenchContext;
import io.pricestream.bench.Scenario;
import io.pricestream.bench.kafka.TopicFiller;
import io.pricestream.bench.report.RunReport;
import io.pricestream.bench.report.StageResult;

/**
 * Issue 8 publish limit: a Kafka producer (acks=all, idempotent, lz4, linger 20 ms, batch 256 KiB) sending N
 * pre-serialised price records of realistic size as fast as it can; the window ends when {@code flush} returns.
 */
public final class PublishLimitScenario implements Scenario {

    public static final String NAME = "publish-limit";
    static final String TOPIC = "bench.publish.limit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BenchContext context, RunReport.Builder report) {
        long n = context.options().scale();
        AvroRecordPool pool = new AvroRecordPool(context.stack().schemaRegistryUrl(), TOPIC, 10_000, context.options().seed());
        TopicFiller topics = new TopicFiller(context.stack().bootstrapServers());
        topics.create(TOPIC, context.options().partitions());
        Duration took = topics.fill(TOPIC, n, pool::get);
        report.stage(StageResult.limit(NAME, n, took, "KafkaProducer (acks=all, idempotent, lz4, linger 20 ms, batch 256 KiB) "
                + "of N pre-serialised Avro price records (~" + pool.averageBytes() + " bytes key+value, a pool of 10,000 cycled); "
                + "window = first send to flush()"));
    }
}
