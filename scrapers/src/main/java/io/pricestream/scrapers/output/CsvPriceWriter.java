package io.pricestream.scrapers.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * Dry-run CSV (RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled) with the
 * header {@link PriceColumns#HEADER}. An absent value is an empty field.
 */
public final class CsvPriceWriter implements RunSink {

    private final Writer out;

    public CsvPriceWriter(Writer out) {
        this.out = out;
        write(PriceColumns.HEADER + "\r\n");
    }

    @Override
    public void accept(SkuPrice price) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < PriceColumns.COLUMNS.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(escape(PriceColumns.COLUMNS.get(i).value().apply(price)));
        }
        write(line.append("\r\n").toString());
    }

    static String escape(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public void complete(ScrapeRun run) throws ScrapeException {
        try {
            out.flush();
        } catch (IOException e) {
            throw new ScrapeException("Cannot write the CSV output: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CSV output", e);
        }
    }
}
