package io.pricestream.scrapers.quality;

/** How much of its scope a run read, given that unchanged sources may be skipped (conditional fetch). */
public enum Coverage {
    /** Every source in scope was read. */
    FULL,
    /** Some sources were skipped, but at least one service was read completely (the markers' scope lists those). */
    SOME_SERVICES_COMPLETE,
    /** Changed sources were read, but every service had skipped sources: nothing can be retired. */
    NO_COMPLETE_SERVICE,
    /** Every source was unchanged and skipped. */
    NOTHING_READ
}
