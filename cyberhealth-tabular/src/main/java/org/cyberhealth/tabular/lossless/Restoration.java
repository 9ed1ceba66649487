package org.cyberhealth.tabular.lossless;

/**
 * What restoring did: the rows written back, how many values it moved back, and the message the marked
 * table carried (read on the way, exactly, since the table has not been altered).
 */
public record Restoration(long rows, long values, long restored, Extraction message) {}
