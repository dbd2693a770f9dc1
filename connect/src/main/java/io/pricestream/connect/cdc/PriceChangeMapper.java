package io.pricestream.connect.cdc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.data.Struct;

import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;

/**
 * Turns one Debezium change of a row of {@code api_price.infra_price} (before image, after image, source
 * info) into the {@link PriceChanged} event it means, or into nothing when the change is not material.
 *
 * <p>Rules (connect/README.md, "Change types"):
 * <ul>
 *   <li>INSERT of an active row → NEW; INSERT of an already retired row → nothing (it was never offered).</li>
 *   <li>UPDATE where {@code retired_at} goes null → set → RETIRED; set → null → NEW (the price is offered again).</li>
 *   <li>UPDATE of an active row where price, unit, currency or a tier bound changed → CHANGED.</li>
 *   <li>any other UPDATE (only observed_at / run_id / attributes..., or a retired row staying retired) → nothing.</li>
 *   <li>DELETE of an active row → RETIRED; DELETE of a retired row → nothing (its retirement was published).</li>
 * </ul>
 * NEW carries only the new price, RETIRED only the old one, CHANGED both and {@code change_pct}.
 * Pure: no I/O, so every rule is unit-tested.
 */
public final class PriceChangeMapper {

    /** Scale of every decimal in {@code PriceChanged}: Avro decimal(38,12). */
    public static final int DECIMAL_SCALE = 12;

    /** Columns whose change makes a CHANGED event; the rest (observed_at, run_id, attributes, ...) do not. */
    static final List<String> MATERIAL_COLUMNS =
            List.of("price", "unit", "currency", "start_usage_amount", "end_usage_amount");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * Maps a Debezium envelope ({@code op}, {@code before}, {@code after}, {@code source}).
     *
     * @throws IllegalArgumentException naming the row and LSN when the change cannot be interpreted (an UPDATE
     *                                  without before image means REPLICA IDENTITY FULL is missing)
     */
    public Optional<PriceChanged> map(Struct envelope) {
        return map(envelope.getString("op"), envelope.getStruct("before"), envelope.getStruct("after"),
                envelope.getStruct("source"));
    }

    /** Maps one change given its Debezium operation code ({@code c}, {@code u}, {@code d}, {@code r}). */
    public Optional<PriceChanged> map(String op, Struct before, Struct after, Struct source) {
        SourcePosition position = SourcePosition.of(source);
        return switch (op) {
            // "r" (snapshot read) does not occur with snapshot.mode=no_data; if a snapshot is ever configured,
            // a snapshotted row is announced like an insert.
            case "c", "r" -> {
                Struct row = requireImage(after, "after", op, position);
                yield isRetired(row) ? Optional.empty() : Optional.of(event(ChangeType.NEW, row, null, price(row), position));
            }
            case "u" -> updated(requireImage(before, "before", op, position), requireImage(after, "after", op, position),
                    position);
            case "d" -> {
                Struct row = requireImage(before, "before", op, position);
                yield isRetired(row) ? Optional.empty() : Optional.of(event(ChangeType.RETIRED, row, price(row), null, position));
            }
            default -> throw new IllegalArgumentException("Unsupported Debezium operation '" + op
                    + "' on api_price.infra_price at LSN " + position.lsn());
        };
    }

    private Optional<PriceChanged> updated(Struct before, Struct after, SourcePosition position) {
        boolean wasRetired = isRetired(before);
        boolean isRetired = isRetired(after);
        if (!wasRetired && isRetired) {
            return Optional.of(event(ChangeType.RETIRED, after, price(before), null, position));
        }
        if (wasRetired && !isRetired) {
            return Optional.of(event(ChangeType.NEW, after, null, price(after), position));
        }
        if (!isRetired && materiallyChanged(before, after)) {
            return Optional.of(event(ChangeType.CHANGED, after, price(before), price(after), position));
        }
        return Optional.empty();
    }

    /**
     * {@code (new - old) / old * 100}, rounded once to {@value #DECIMAL_SCALE} decimals HALF_EVEN; null when old is
     * null or zero (no finite percentage) or new is null.
     */
    public static BigDecimal changePct(BigDecimal oldPrice, BigDecimal newPrice) {
        if (oldPrice == null || newPrice == null || oldPrice.signum() == 0) {
            return null;
        }
        // Multiply before dividing so the only rounding is the final one.
        return newPrice.subtract(oldPrice).multiply(HUNDRED).divide(oldPrice, DECIMAL_SCALE, RoundingMode.HALF_EVEN);
    }

    private static boolean materiallyChanged(Struct before, Struct after) {
        for (String column : MATERIAL_COLUMNS) {
            Object old = before.get(column);
            Object now = after.get(column);
            boolean same = old instanceof BigDecimal o && now instanceof BigDecimal n ? o.compareTo(n) == 0 : Objects.equals(old, now);
            if (!same) {
                return true;
            }
        }
        return false;
    }

    private static PriceChanged event(ChangeType type, Struct row, BigDecimal oldPrice, BigDecimal newPrice,
                                      SourcePosition position) {
        return PriceChanged.newBuilder()
                .setCsp(row.getString("cloud_provider"))
                .setPriceId(row.getString("price_id"))
                .setSkuId(row.getString("sku_id"))
                .setChangeType(type)
                .setOldPrice(scaled(oldPrice, row))
                .setNewPrice(scaled(newPrice, row))
                .setChangePct(changePct(oldPrice, newPrice))
                .setCurrency(row.getString("currency"))
                .setUnit(row.getString("unit"))
                .setRegion(row.getString("region"))
                .setService(row.getString("service"))
                .setPurchaseOption(row.getString("purchase_option"))
                .setTerm(row.getString("term"))
                .setCommittedAt(position.committedAt())
                .setSourceLsn(position.lsn())
                .setSourceTxId(position.txId())
                .build();
    }

    private static BigDecimal scaled(BigDecimal price, Struct row) {
        if (price == null) {
            return null;
        }
        try {
            return price.setScale(DECIMAL_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Price " + price.toPlainString() + " of " + row.getString("cloud_provider")
                    + " '" + row.getString("price_id") + "' has more than " + DECIMAL_SCALE + " decimals", e);
        }
    }

    private static BigDecimal price(Struct row) {
        return (BigDecimal) row.get("price");
    }

    private static boolean isRetired(Struct row) {
        return row.get("retired_at") != null;
    }

    private static Struct requireImage(Struct image, String which, String op, SourcePosition position) {
        if (image == null) {
            throw new IllegalArgumentException("Debezium change '" + op + "' of api_price.infra_price at LSN " + position.lsn()
                    + " has no " + which + " image"
                    + ("before".equals(which) ? ": the table needs REPLICA IDENTITY FULL (set by migration V1)" : ""));
        }
        return image;
    }

    /** Where a change sits in the database's history: commit time, WAL position and transaction. */
    record SourcePosition(Instant committedAt, long lsn, Long txId) {

        static SourcePosition of(Struct source) {
            if (source == null) {
                throw new IllegalArgumentException("Debezium change of api_price.infra_price has no source block");
            }
            Long lsn = source.getInt64("lsn");
            Long tsMs = source.getInt64("ts_ms");
            if (lsn == null || tsMs == null) {
                throw new IllegalArgumentException("Debezium change of api_price.infra_price lacks source "
                        + (lsn == null ? "lsn" : "ts_ms") + ": " + source);
            }
            return new SourcePosition(Instant.ofEpochMilli(tsMs), lsn, source.getInt64("txId"));
        }
    }
}
