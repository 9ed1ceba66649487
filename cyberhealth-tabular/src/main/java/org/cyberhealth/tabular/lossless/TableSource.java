package org.cyberhealth.tabular.lossless;

import org.cyberhealth.tabular.io.TableReader;

/**
 * A table that can be read from the start as often as needed. The lossless scheme reads its input
 * twice: once to measure every group's circular histogram (which decides each group's rotation), once
 * to write the rotated values, so that memory grows with the number of groups and never with the rows.
 * {@code TableLocation::openReader} is one.
 */
@FunctionalInterface
public interface TableSource {

    /** A reader positioned before the first row; the caller closes it. */
    TableReader open();
}
