package org.cyberhealth.imaging.watermark.robust;

/**
 * How strongly one bit is marked: every zone of the bit is shifted by {@code base} gray levels, and the
 * first {@code boostedQuarters} quarters of its zones (in the key's order) by one level more. The
 * quarters give the embedder finer steps than whole gray levels, so a bit gets just the shift it needs.
 */
record BitStrength(int base, int boostedQuarters) {

    BitStrength {
        if (base < 0 || boostedQuarters < 0 || boostedQuarters > 3) {
            throw new IllegalArgumentException("strength " + base + " + " + boostedQuarters + "/4");
        }
    }

    /** The strength after {@code steps} quarter steps from zero. */
    static BitStrength ofQuarterSteps(int steps) {
        return new BitStrength(steps / 4, steps % 4);
    }

    /** The shift of the zone of rank {@code rank} among the {@code zones} zones of its bit. */
    int shiftOf(int rank, int zones) {
        return base + (rank < boostedRanks(zones) ? 1 : 0);
    }

    /** How many of a bit's {@code zones} zones, the first in the key's order, get one level more. */
    int boostedRanks(int zones) {
        return boostedQuarters * zones / 4;
    }
}
