package org.cyberhealth.tabular.io;

import java.nio.file.Path;
import java.util.Locale;
import org.cyberhealth.core.BadInputException;

/**
 * Where a table lives: a CSV/TSV file, or a table in a database reached over JDBC. Written as a path
 * ({@code lab.csv}, {@code lab.tsv}), as {@code warehouse.db#measurement} for a table in an SQLite file,
 * or as a JDBC URL with the table after {@code #} ({@code jdbc:postgresql://host/db#cdm.measurement}).
 */
public sealed interface TableLocation permits CsvLocation, JdbcLocation {

    TableReader openReader();

    /**
     * A reader that needs only {@code columns} (those the table has; the others are left out of the
     * header). A database then sends only those columns, which is much faster on a wide table; a file is
     * still parsed whole.
     */
    default TableReader openReader(java.util.Collection<String> columns) {
        return openReader();
    }

    /**
     * Writes a new table with {@code header}'s columns and the rows {@code producer} gives, so that it
     * appears whole or not at all.
     *
     * @param overwrite whether an existing table or file of that name may be replaced
     */
    void write(TableHeader header, boolean overwrite, RowProducer producer);

    /** A description for messages (never with a password). */
    String describe();

    static TableLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("no table given");
        }
        int hash = text.lastIndexOf('#');
        if (text.startsWith("jdbc:")) {
            if (hash < 0 || hash == text.length() - 1) {
                throw new BadInputException("a JDBC location names its table after '#', e.g. jdbc:postgresql://host/db#measurement");
            }
            return new JdbcLocation(text.substring(0, hash), text.substring(hash + 1));
        }
        if (hash > 0) {
            return new JdbcLocation("jdbc:sqlite:" + text.substring(0, hash), text.substring(hash + 1));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        char separator = lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : ',';
        return new CsvLocation(Path.of(text), separator);
    }
}
