package io.pricestream.connect.cdc;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.pricestream.schemas.avro.ChangeType;
import io.pricestream.schemas.avro.PriceChanged;

/**
 * Which change events {@code pricestream watch} shows ({@code --csp}, {@code --service}, {@code --min-change-pct}).
 *
 * <p>Empty sets mean "all"; names compare case-insensitively. {@code minChangePct} (null = no limit) applies to
 * CHANGED events by absolute value; a CHANGED event without a percentage (old price zero) always passes, and
 * NEW / RETIRED events, which have no percentage, are always shown.
 */
public record WatchFilter(Set<String> csps, Set<String> services, BigDecimal minChangePct) implements Predicate<PriceChanged> {

    /** Shows every event. */
    public static final WatchFilter ALL = new WatchFilter(Set.of(), Set.of(), null);

    public WatchFilter {
        csps = lowerCase(csps);
        services = lowerCase(services);
        if (minChangePct != null && minChangePct.signum() < 0) {
            throw new IllegalArgumentException("--min-change-pct must not be negative, got " + minChangePct.toPlainString());
        }
    }

    @Override
    public boolean test(PriceChanged event) {
        if (!csps.isEmpty() && !csps.contains(event.getCsp().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (!services.isEmpty() && !services.contains(event.getService().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (minChangePct != null && event.getChangeType() == ChangeType.CHANGED && event.getChangePct() != null) {
            return event.getChangePct().abs().compareTo(minChangePct) >= 0;
        }
        return true;
    }

    private static Set<String> lowerCase(Set<String> names) {
        return names == null ? Set.of() : names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
