package org.cyberhealth.tabular.io;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cyberhealth.core.io.AtomicOutput;

/** A CSV (comma) or TSV (tab) file. Output goes to a temporary file that is moved into place at the end. */
public record CsvLocation(Path file, char separator) implements TableLocation {

    @Override
    public TableReader openReader() {
        return new CsvTableReader(file, separator);
    }

    @Override
    public void write(TableHeader header, boolean overwrite, RowProducer producer) {
        AtomicOutput.write(file, overwrite, out -> {
            CsvWriter csv = CsvWriter.builder().fieldSeparator(separator).lineDelimiter(LineDelimiter.LF).bufferSize(1 << 16)
                    .build(out, StandardCharsets.UTF_8);
            csv.writeRecord(header.columns());
            String[] blank = new String[header.size()];
            producer.produce(row -> {
                csv.writeRecord(withoutNulls(row, blank));
            });
            csv.flush();
        });
    }

    private static String[] withoutNulls(String[] row, String[] scratch) {
        for (String cell : row) {
            if (cell == null) {
                for (int i = 0; i < row.length; i++) {
                    scratch[i] = row[i] == null ? "" : row[i];
                }
                return scratch;
            }
        }
        return row;
    }

    @Override
    public String describe() {
        return file.toString();
    }
}
