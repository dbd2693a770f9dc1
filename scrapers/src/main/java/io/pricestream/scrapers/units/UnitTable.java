package io.pricestream.scrapers.units;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one unit table of all three CSPs (CSP-FORMATS.md §4).
 *
 * <p>AWS and GCP publish a bare unit ({@code Hrs}, {@code GiBy.mo}); Azure puts a quantity in front of the unit
 * ({@code 10K}, {@code 100 Hours}, {@code 1 GB/Month}), which becomes the multiplier. Units keep their own scale
 * and base: {@code GB} and {@code GiB} stay different normalised units ({@code gb_month} vs {@code gib_month}),
 * because the CSPs do not agree on what a GB is and a silent 7% conversion would be worse than none.
 * Lookups ignore case and surrounding blanks. A unit not in the table maps to {@code unknown} with
 * {@code known=false}, multiplier 1 — the streams app decides what to do with those.
 */
public final class UnitTable implements UnitNormaliser {

    public static final String UNKNOWN = "unknown";

    // Azure: optional quantity with K/M suffix, then an optional unit ("10K", "100 Hours", "1 GB/Month", "1/Month").
    private static final Pattern AZURE = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([KkMm])?\\s*(.*)$");

    private static final Map<String, String> AWS = new HashMap<>();
    private static final Map<String, String> AZURE_UNITS = new HashMap<>();
    private static final Map<String, String> GCP = new HashMap<>();

    static {
        aws("hours", "Hrs", "Hr", "Hour", "Hours", "hour", "Instance-hrs", "Instance-Hours");
        aws("gb_month", "GB-Mo", "GB-Month", "GB-Months", "GB/Mo");
        aws("gb", "GB", "GigaBytes", "GB-Transferred");
        aws("tb", "TB");
        aws("gb_hours", "GB-Hours", "GB-Hrs", "GB-Hr");
        aws("gb_seconds", "GB-Second", "GB-Seconds", "Lambda-GB-Second");
        aws("requests", "Requests", "Request", "API Requests", "API Calls");
        aws("ios", "IOs", "IOPS");
        aws("iops_month", "IOPS-Mo", "IOPS-Month");
        aws("mbps_month", "MBPS-Mo", "MiBps-Mo");
        aws("units", "Quantity", "Count", "Each");
        aws("lcu_hours", "LCU-Hrs", "LCU-Hours", "NLCU-Hrs", "GLCU-Hrs");
        aws("vcpu_hours", "vCPU-Hours", "vCPU-Hrs", "vCPU-hour");
        aws("dpu_hours", "DPU-Hour", "DPU-Hours");
        aws("acu_hours", "ACU-Hr", "ACU-Hrs");
        aws("read_capacity_unit_hours", "ReadCapacityUnit-Hrs");
        aws("write_capacity_unit_hours", "WriteCapacityUnit-Hrs");
        aws("read_request_units", "ReadRequestUnits");
        aws("write_request_units", "WriteRequestUnits");
        aws("months", "Mo", "Month", "Months");
        aws("seconds", "Second", "Seconds");
        aws("minutes", "Minute", "Minutes");

        azure("units", "", "Count", "Unit", "Units", "Transactions", "Transaction", "Requests", "Operations");
        azure("hours", "Hour", "Hours", "/Hour");
        azure("days", "Day", "Days", "/Day");
        azure("months", "Month", "Months", "/Month");
        azure("years", "Year", "Years", "/Year");
        azure("minutes", "Minute", "Minutes", "/Minute");
        azure("seconds", "Second", "Seconds", "/Second");
        azure("gb", "GB");
        azure("gib", "GiB");
        azure("tb", "TB");
        azure("gb_month", "GB/Month");
        azure("gib_month", "GiB/Month");
        azure("tb_month", "TB/Month");
        azure("gb_hours", "GB/Hour");
        azure("gib_hours", "GiB/Hour");
        azure("gb_days", "GB/Day");
        azure("gib_days", "GiB/Day");

        gcp("hours", "h", "hour");
        gcp("minutes", "min");
        gcp("seconds", "s");
        gcp("days", "d");
        gcp("months", "mo");
        gcp("units", "count", "1");
        gcp("bytes", "By");
        gcp("gib", "GiBy");
        gcp("tib", "TiBy");
        gcp("gib_month", "GiBy.mo");
        gcp("tib_month", "TiBy.mo");
        gcp("gib_hours", "GiBy.h");
        gcp("gib_days", "GiBy.d");
        gcp("gib_seconds", "GiBy.s");
    }

    private static void aws(String unit, String... published) {
        put(AWS, unit, published);
    }

    private static void azure(String unit, String... published) {
        put(AZURE_UNITS, unit, published);
    }

    private static void gcp(String unit, String... published) {
        put(GCP, unit, published);
    }

    private static void put(Map<String, String> table, String unit, String... published) {
        for (String p : published) {
            table.put(key(p), unit);
        }
    }

    private static String key(String published) {
        return published.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public NormalisedUnit normalise(String csp, String publishedUnit) {
        if (publishedUnit == null) {
            return unknown();
        }
        return switch (csp.toLowerCase(Locale.ROOT)) {
            case "aws" -> simple(AWS, publishedUnit);
            case "gcp" -> simple(GCP, publishedUnit);
            case "azure" -> azure(publishedUnit);
            default -> throw new IllegalArgumentException("Unknown CSP '" + csp + "'");
        };
    }

    private static NormalisedUnit simple(Map<String, String> table, String published) {
        String unit = table.get(key(published));
        return unit == null ? unknown() : new NormalisedUnit(unit, BigDecimal.ONE, true);
    }

    private static NormalisedUnit azure(String published) {
        Matcher m = AZURE.matcher(published.trim());
        if (!m.matches()) {
            // No leading quantity: "Hour", "GB/Month" — a quantity of one.
            return simple(AZURE_UNITS, published);
        }
        String unit = AZURE_UNITS.get(key(m.group(3)));
        if (unit == null) {
            return unknown();
        }
        BigDecimal quantity = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            quantity = quantity.multiply(m.group(2).equalsIgnoreCase("K") ? BigDecimal.valueOf(1_000) : BigDecimal.valueOf(1_000_000));
        }
        BigDecimal plain = quantity.stripTrailingZeros();
        return new NormalisedUnit(unit, plain.scale() < 0 ? plain.setScale(0) : plain, true);
    }

    private static NormalisedUnit unknown() {
        return new NormalisedUnit(UNKNOWN, BigDecimal.ONE, false);
    }
}
