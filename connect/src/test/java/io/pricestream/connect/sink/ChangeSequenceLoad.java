package io.pricestream.connect.sink;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.pricestream.connect.testing.Prices;
import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * A large, seeded load of price observations for crash tests: per price a long sequence of real changes,
 * plain re-observations (some at another decimal scale), late observations the sink must ignore,
 * effective-date changes and, for every fifth price, retirements and comebacks.
 *
 * <p>Every price gets one observation per step, in the same order every step, so two observations of one
 * price are always {@code pricesPerPartition} records apart in their partition: further apart than any sink
 * batch (at most twice {@code sink.batch.max.records}). So no batch ever holds a price twice, the outcome
 * does not depend on where batches (and kills) fell, and {@link PriceModel} can predict it record by record.
 * Each observation's run id is unique ({@code r<sequence>}), so a row in the database names the record
 * that wrote it.
 */
final class ChangeSequenceLoad {

    /** One record to produce: the partition it goes to (the same for every observation of a price) and its value. */
    record Observation(int partition, SkuPrice price) {
    }

    private final List<Observation> observations;
    private final Set<String> everRetired;

    private ChangeSequenceLoad(List<Observation> observations, Set<String> everRetired) {
        this.observations = observations;
        this.everRetired = everRetired;
    }

    /** {@code partitions * pricesPerPartition * steps} observations, in the order they must be produced. */
    static ChangeSequenceLoad generate(Random random, int partitions, int pricesPerPartition, int steps) {
        List<PriceTrack> tracks = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            for (int i = 0; i < pricesPerPartition; i++) {
                String priceId = "crash-" + partition + "-" + i;
                tracks.add(new PriceTrack(priceId, partition, i % 5 == 0, randomPrice(random)));
            }
        }
        List<Observation> observations = new ArrayList<>(tracks.size() * steps);
        Set<String> everRetired = new TreeSet<>();
        for (int step = 0; step < steps; step++) {
            for (PriceTrack track : tracks) {
                SkuPrice price = track.next(random, step == 0, "r" + observations.size());
                if (price.getStatus() == PriceStatus.RETIRED) {
                    everRetired.add(track.priceId);
                }
                observations.add(new Observation(track.partition, price));
            }
        }
        return new ChangeSequenceLoad(List.copyOf(observations), everRetired);
    }

    List<Observation> observations() {
        return observations;
    }

    /** Prices that got at least one retirement; every other price was active all along. */
    Set<String> everRetired() {
        return everRetired;
    }

    /** Between 0.01 and 10: a third short (two decimals), the rest using all twelve decimal places. */
    private static BigDecimal randomPrice(Random random) {
        return random.nextInt(3) == 0
                ? new BigDecimal(BigInteger.valueOf(1 + random.nextInt(999)), 2)
                : new BigDecimal(BigInteger.valueOf(1 + random.nextLong(9_999_999_999_999L)), 12);
    }

    /** The content one price was last really published with, and the latest minute it was observed at. */
    private static final class PriceTrack {

        private final String priceId;
        private final int partition;
        private final boolean mayRetire;
        private BigDecimal price;
        private Integer effectiveFromMinute;
        private int minute;

        PriceTrack(String priceId, int partition, boolean mayRetire, BigDecimal price) {
            this.priceId = priceId;
            this.partition = partition;
            this.mayRetire = mayRetire;
            this.price = price;
        }

        SkuPrice next(Random random, boolean first, String runId) {
            int roll = first ? 100 : random.nextInt(100);
            if (roll < 15) {
                // late: at or before the newest observation, so the sink must ignore it whatever it says
                return observation(Math.max(0, minute - random.nextInt(4)), randomPrice(random), runId).build();
            }
            minute += 1 + random.nextInt(3);
            if (roll < 25 && mayRetire) {
                return observation(minute, price, runId).setStatus(PriceStatus.RETIRED).build();
            }
            if (roll < 40) {
                // the same content again, at another scale: 1.5 and 1.500000000000 are one price
                BigDecimal rescaled = price.scale() < 12 ? price.setScale(12) : price.stripTrailingZeros();
                return observation(minute, rescaled, runId).build();
            }
            if (roll < 45) {
                effectiveFromMinute = minute;
                return observation(minute, price, runId).build();
            }
            price = randomPrice(random);
            return observation(minute, price, runId).build();
        }

        private SkuPrice.Builder observation(int at, BigDecimal value, String runId) {
            return Prices.active(priceId, value.toPlainString(), at)
                    .setEffectiveFrom(effectiveFromMinute == null ? null : Prices.minute(effectiveFromMinute))
                    .setRunId(runId);
        }
    }
}
