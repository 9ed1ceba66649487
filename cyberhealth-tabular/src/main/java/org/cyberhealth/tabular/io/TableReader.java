package org.cyberhealth.tabular.io;

/**
 * A table read one row at a time, in constant memory. Cells are the values as text, exactly as the
 * source holds them (CSV fields unchanged; SQL values as the driver renders them), {@code null} for an
 * SQL NULL.
 */
public interface TableReader extends AutoCloseable {

    TableHeader header();

    /** The next row, one cell per column of the header, or {@code null} after the last row. */
    String[] next();

    /** The fraction of the input read so far, or a negative number when the source cannot tell. */
    double progress();

    @Override
    void close();
}
