package io.pricestream.schemas;

import java.util.List;

import org.apache.avro.Schema;

import io.pricestream.schemas.avro.RunMarker;
import io.pricestream.schemas.avro.SkuPrice;

/**
 * The value schema of the raw topics: a union of {@link SkuPrice} and {@link RunMarker}.
 *
 * <p>A raw topic carries prices and, at the end of each run, one marker per partition. With
 * TopicNameStrategy a topic has one value subject, so that subject's schema is the union; readers
 * tell the branches apart by the Java type they get back.
 */
public final class RawRecords {

    public static final Schema VALUE_SCHEMA = Schema.createUnion(List.of(SkuPrice.getClassSchema(), RunMarker.getClassSchema()));

    /** Raw-topic key {@code price_id} of end-of-run markers (a marker is written to an explicit partition). */
    public static final String MARKER_PRICE_ID = "~run-marker";

    private RawRecords() {
    }
}
