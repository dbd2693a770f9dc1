package io.pricestream.connect.sink;

/** What applying one observation did to the current state of its price. */
public enum Outcome {
    /** First observation of an active price: row inserted, history period opened. */
    NEW,
    /** First observation of a price is a retirement: row inserted as retired, no history period. */
    NEW_RETIRED,
    /** Price, tier bounds, unit, currency or effective_from differ, or a retired price is back: period closed and a new one opened. */
    CHANGED,
    /** An active price was retired: its period closed, {@code retired_at} set. */
    RETIRED,
    /** Same content, newer observation: only {@code observed_at} (and descriptive fields) move, no history row. */
    UNCHANGED,
    /** Not newer than the stored observation (late, duplicate or replayed): ignored. */
    STALE
}
