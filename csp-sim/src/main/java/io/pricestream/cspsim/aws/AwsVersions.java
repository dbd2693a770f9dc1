package io.pricestream.cspsim.aws;

import io.pricestream.cspsim.catalogue.CatalogueView;
import io.pricestream.cspsim.catalogue.SeedHash;
import io.pricestream.cspsim.catalogue.Segment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Version ids and publication dates of offer files. A file's version is the publication time of the
 * last generation that touched one of its segments; generation g is published on day g after
 * {@link #EPOCH}, at a time of day fixed per offer. The id is that timestamp without separators.
 */
final class AwsVersions {
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int DAY = 86_400;

    private final List<Segment> segments;

    AwsVersions(List<Segment> segments) {
        this.segments = segments;
    }

    /** Publication time of generation {@code g} of an offer. */
    static Instant published(String offerCode, int g) {
        long offset = SeedHash.pick(SeedHash.mix(offerCode.hashCode()), 80_000);
        return EPOCH.plusSeconds((long) g * DAY + offset);
    }

    /** Version id of an instant ({@code 20260105223308}). */
    static String id(Instant instant) {
        return ID.format(instant);
    }

    /** Generation named by a version id of an offer, or -1 when the id does not name one. */
    static int generationOf(String offerCode, String versionId) {
        try {
            Instant t = java.time.LocalDateTime.parse(versionId, ID).toInstant(ZoneOffset.UTC);
            long g = Math.floorDiv(t.getEpochSecond() - EPOCH.getEpochSecond(), DAY);
            return g >= 0 && g < Integer.MAX_VALUE && published(offerCode, (int) g).equals(t) ? (int) g : -1;
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** Last generation ≤ the view's that touched the file (0 = never changed). */
    int lastChange(CatalogueView view, AwsLayout.OfferFile file) {
        for (int g = view.generation(); g > 0; g--) {
            for (int s = file.firstSegment(); s < file.endSegment(); s++) {
                if (view.touched(segments.get(s), g)) {
                    return g;
                }
            }
        }
        return 0;
    }

    /** Whether generation {@code g} (≤ the view's) touched any of the files. */
    boolean touchedAt(CatalogueView view, List<AwsLayout.OfferFile> files, int g) {
        for (AwsLayout.OfferFile file : files) {
            for (int s = file.firstSegment(); s < file.endSegment(); s++) {
                if (view.touched(segments.get(s), g)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Last generation ≤ the view's that touched any of the files. */
    int lastChange(CatalogueView view, List<AwsLayout.OfferFile> files) {
        int last = 0;
        for (AwsLayout.OfferFile file : files) {
            last = Math.max(last, lastChange(view, file));
        }
        return last;
    }
}
