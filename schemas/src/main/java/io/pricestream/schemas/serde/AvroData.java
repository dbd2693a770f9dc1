package io.pricestream.schemas.serde;

import java.util.stream.Collectors;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data model the serdes read and write with: specific records, with the logical-type conversions
 * registered so decimals are {@link java.math.BigDecimal} and timestamps {@link java.time.Instant} even
 * inside unions, where a record's own per-field conversions do not reach.
 */
final class AvroData {

    private AvroData() {
    }

    static SpecificData specific() {
        SpecificData data = new SpecificData(AvroData.class.getClassLoader());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }

    /** A schema's name for messages: its full name, or its branches' for a union. */
    static String name(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream().map(AvroData::name).collect(Collectors.joining(" | ", "union[", "]"));
        }
        return schema.getFullName();
    }
}
