package io.pricestream.cspsim.catalogue;

/** What kind of product a segment holds; each CSP package defines its kinds as an enum. */
public interface SegmentKind {
    /** Enum-style name, for logs and tests. */
    String name();
}
