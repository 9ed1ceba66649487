package org.cyberhealth.tabular.watermark;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader;

/**
 * Encodes the key cells of a row as the bytes that seed the keyed choices of every scheme (the
 * watermark's tuple choice, the lossless scheme's groups). Cells are trimmed (a leaker re-exporting the
 * table may pad them) and separated by a control character that table text does not contain.
 */
public final class RowKeys {

    private static final char SEPARATOR = '\u001f';
    private final int[] columns;
    private final StringBuilder text = new StringBuilder(64);

    /** The key cells are at {@code columns} of each row. */
    public RowKeys(int[] columns) {
        this.columns = columns.clone();
    }

    RowKeys(List<String> key, TableHeader header, String tableName) {
        columns = new int[key.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = header.indexOf(key.get(i));
            if (columns[i] < 0) {
                throw new BadInputException("the table " + tableName + " has no key column " + key.get(i)
                        + " (the schema's key must be present; with no stable key, declare a virtual key of attributes the leaker kept)");
            }
        }
    }

    public byte[] encode(String[] row) {
        text.setLength(0);
        for (int column : columns) {
            String cell = row[column];
            if (cell != null) {
                text.append(cell.strip());
            }
            text.append(SEPARATOR);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
