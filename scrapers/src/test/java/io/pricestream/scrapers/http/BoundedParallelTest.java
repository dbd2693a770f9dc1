package io.pricestream.scrapers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pricestream.scrapers.core.ScrapeException;

class BoundedParallelTest {

    @Test
    void shouldNeverRunMoreThanTheParallelismAtOnceAndKeepInputOrder() throws ScrapeException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);
        List<Integer> items = IntStream.range(0, 12).boxed().toList();

        List<String> results = BoundedParallel.map(items, 2, "test", item -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            twoStarted.countDown();
            try {
                twoStarted.await(5, TimeUnit.SECONDS); // the first two overlap for sure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return "r" + item;
        });

        assertThat(results).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
        assertThat(maxInFlight).hasValue(2);
    }

    @Test
    void shouldRethrowTheFirstFailureWhenATaskFails() {
        assertThatThrownBy(() -> BoundedParallel.map(List.of(1, 2, 3), 2, "test", item -> {
            if (item == 2) {
                throw new ScrapeException("offer file 2 is broken");
            }
            return item;
        })).isInstanceOf(ScrapeException.class).hasMessage("offer file 2 is broken");
    }
}
