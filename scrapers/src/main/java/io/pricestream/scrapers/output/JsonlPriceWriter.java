package io.pricestream.scrapers.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.pricestream.schemas.avro.ScrapeRun;
import io.pricestream.schemas.avro.SkuPrice;
import io.pricestream.scrapers.core.RunSink;
import io.pricestream.scrapers.core.ScrapeException;

/**
 * Dry-run JSON Lines: one object per price with the CSV's field names, every value a string (decimals exactly as
 * held) or null.
 */
public final class JsonlPriceWriter implements RunSink {

    private final Writer out;
    private final JsonGenerator json;

    public JsonlPriceWriter(Writer out) {
        this.out = out;
        try {
            this.json = new JsonFactory().createGenerator(out);
            // one object per line: no separator between root values, each object ends with its own newline
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(SkuPrice price) {
        try {
            json.writeStartObject();
            for (PriceColumns.Column column : PriceColumns.COLUMNS) {
                json.writeStringField(column.name(), column.value().apply(price));
            }
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JSONL output", e);
        }
    }

    @Override
    public void complete(ScrapeRun run) throws ScrapeException {
        try {
            json.flush();
        } catch (IOException e) {
            throw new ScrapeException("Cannot write the JSONL output: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            json.close();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
