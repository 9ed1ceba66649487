package org.cyberhealth.tabular.io;

/** Where a producer puts rows, one at a time. */
@FunctionalInterface
public interface RowSink {
    void write(String[] row);
}
