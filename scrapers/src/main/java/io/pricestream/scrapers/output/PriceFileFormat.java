package io.pricestream.scrapers.output;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.pricestream.scrapers.core.RunSink;

/** The dry-run file formats ({@code --format csv|jsonl}) and the writer of each. Files are UTF-8. */
public enum PriceFileFormat {
    CSV,
    JSONL;

    /** {@code csv} or {@code jsonl}, any case; anything else names the accepted values. */
    public static PriceFileFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown format '" + name + "': expected one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList(), e);
        }
    }

    public RunSink writer(Writer out) {
        return this == CSV ? new CsvPriceWriter(out) : new JsonlPriceWriter(out);
    }

    /**
     * A writer on {@code file} (created or truncated), or on standard output when {@code file} is null or {@code -}.
     * One writer can take several runs ({@code scrape all}): {@link RunSink#complete} only flushes; close it at the end.
     */
    public RunSink open(Path file) throws IOException {
        Writer out = file == null || file.toString().equals("-")
                ? new OutputStreamWriter(new FilterOutputStream(System.out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // never close the process's stdout
                    }
                }, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return writer(out instanceof BufferedWriter ? out : new BufferedWriter(out, 64 * 1024));
    }
}
