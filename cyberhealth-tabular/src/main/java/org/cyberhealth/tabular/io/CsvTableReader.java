package org.cyberhealth.tabular.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.StringArrayHandler;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import org.cyberhealth.core.BadInputException;

/**
 * Streams a CSV or TSV file with FastCSV. The first line names the columns; every row must have as many
 * fields. A field longer than 16 MB (a hostile or broken file) is an error, so memory stays bounded.
 */
public final class CsvTableReader implements TableReader {

    private static final int MAX_FIELD_CHARS = 16 << 20;

    private final Path file;
    private final long size;
    private final CountingStream counted;
    private final CsvReader<String[]> csv;
    private final Iterator<String[]> records;
    private final TableHeader header;

    public CsvTableReader(Path file, char separator) {
        this.file = file;
        try {
            size = Files.size(file);
            counted = new CountingStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (NoSuchFileException e) {
            throw new BadInputException("input " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        csv = CsvReader.builder().fieldSeparator(separator).detectBomHeader(true).maxBufferSize(MAX_FIELD_CHARS)
                .build(StringArrayHandler.of(), counted, StandardCharsets.UTF_8);
        records = csv.iterator();
        String[] names = nextRecord();
        if (names == null) {
            close();
            throw new BadInputException(file + " is empty: a CSV table starts with a line of column names");
        }
        try {
            header = TableHeader.untyped(java.util.List.of(names));
        } catch (BadInputException e) {
            close();
            throw new BadInputException(file + ": " + e.getMessage());
        }
    }

    @Override
    public TableHeader header() {
        return header;
    }

    @Override
    public String[] next() {
        String[] row = nextRecord();
        if (row != null && row.length != header.size()) {
            throw new BadInputException(file + ": a row has " + row.length + " fields where the header has " + header.size());
        }
        return row;
    }

    private String[] nextRecord() {
        try {
            while (records.hasNext()) {
                String[] record = records.next();
                if (record.length == 1 && record[0].isEmpty()) {
                    continue;
                }
                return record;
            }
            return null;
        } catch (CsvParseException e) {
            throw new BadInputException(file + " is not valid CSV: " + rootMessage(e));
        } catch (UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public double progress() {
        return size == 0 ? 1 : Math.min(1, (double) counted.count / size);
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the bytes the parser has taken, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
