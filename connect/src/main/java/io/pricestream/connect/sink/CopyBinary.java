package io.pricestream.connect.sink;

import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.pricestream.schemas.avro.PriceStatus;
import io.pricestream.schemas.avro.SkuPrice;
import org.postgresql.util.ByteConverter;

/**
 * Rows for PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)}: each field as its length and the bytes of the
 * type's binary form, so the server parses no text. Numbers go through PgJDBC's {@link ByteConverter#numeric}, the
 * encoding it binds {@code numeric} parameters with; {@code numeric(38,12)} then rounds exactly as from text (and
 * {@link PriceCheck} has refused what it would round).
 *
 * <p>Used for the rows the sink copies most, first observations into {@code infra_price}; the benchmark's {@code COPY}
 * limit writes exactly these bytes too. Measured on the embedded PostgreSQL 17 (1M such rows into a table like
 * {@code infra_price}): 11.2 s from CSV, 9.7 s from this format.
 */
public final class CopyBinary {

    /** The {@code infra_price} columns {@link #newPriceRow} fills, in order: a price's own, then how the sink saw it. */
    public static final String NEW_PRICE_COLUMNS = CopyCsv.PRICE_COLUMNS
            + ", first_seen_at, last_changed_at, retired_at, last_changed_run_id";

    /** The file header: signature, flags (no OIDs), no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte JSONB_VERSION = 1;
    private static final int NEW_PRICE_FIELDS = NEW_PRICE_COLUMNS.split(",").length;

    private CopyBinary() {
    }

    /** What the stream must start with. */
    public static void header(DataOutputStream out) throws IOException {
        out.write(HEADER);
    }

    /** What the stream must end with: a field count of -1. */
    public static void trailer(DataOutputStream out) throws IOException {
        out.writeShort(-1);
    }

    /**
     * The {@code infra_price} row ({@link #NEW_PRICE_COLUMNS}) of a price seen for the first time: its fields in the
     * order of {@link CopyCsv#priceFields}, then first seen, last changed and observed at once, by its run, retired then
     * too if it arrives retired.
     */
    public static void newPriceRow(DataOutputStream out, SkuPrice p) throws IOException {
        out.writeShort(NEW_PRICE_FIELDS);
        text(out, p.getCsp());
        text(out, p.getPriceId());
        text(out, p.getSkuId());
        text(out, p.getRegion());
        text(out, p.getSkuName());
        text(out, p.getService());
        text(out, p.getServiceName());
        text(out, p.getProductFamily());
        numeric(out, p.getTierStart());
        numeric(out, p.getTierEnd());
        text(out, p.getUnit());
        text(out, p.getUnitPublished());
        numeric(out, p.getUnitMultiplier());
        numeric(out, p.getPrice());
        text(out, p.getCurrency());
        text(out, p.getPurchaseOption().name());
        text(out, p.getTerm());
        jsonb(out, CopyCsv.attributesJson(p.getAttributes()));
        timestamp(out, p.getEffectiveFrom());
        Instant observed = p.getObservedAt();
        timestamp(out, observed);
        text(out, p.getRunId());
        text(out, p.getSourceVersion());
        timestamp(out, observed);
        timestamp(out, observed);
        timestamp(out, p.getStatus() == PriceStatus.RETIRED ? observed : null);
        text(out, p.getRunId());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void numeric(DataOutputStream out, BigDecimal value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = ByteConverter.numeric(value);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static void jsonb(DataOutputStream out, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length + 1);
        out.writeByte(JSONB_VERSION);
        out.write(bytes);
    }

    /**
     * {@code timestamptz}: microseconds since 2000-01-01 UTC. A sub-microsecond rest is rounded half to even, as
     * PostgreSQL rounds text input ({@code rint}); prices carry milliseconds, so this only keeps the two paths equal.
     */
    private static void timestamp(DataOutputStream out, Instant value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        long micros = Math.multiplyExact(value.getEpochSecond(), 1_000_000L) + value.getNano() / 1000;
        int rest = value.getNano() % 1000;
        if (rest > 500 || rest == 500 && (micros & 1) == 1) {
            micros++;
        }
        out.writeInt(8);
        out.writeLong(micros - POSTGRES_EPOCH_MICROS);
    }
}
