package org.cyberhealth.imaging.watermark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;

/**
 * Where the {@link ContainerHeader} copies live: runs of consecutive samples starting at the first
 * column of fixed rows (top, middle, quarters, eighths...). The writer takes the first three runs that
 * avoid the untouched region; the reader tries every candidate, so it needs no prior knowledge.
 */
final class HeaderSlots {

    static final int COPIES = 3;
    private static final int[][] ROW_FRACTIONS = {{0, 1}, {1, 2}, {1, 4}, {3, 4}, {1, 8}, {3, 8}, {5, 8}, {7, 8}};

    private HeaderSlots() {}

    /** Start indices (row-major sample index) of the candidate slots, in the order readers try them. */
    static List<Integer> candidates(Raster raster) {
        List<Integer> starts = new ArrayList<>();
        for (int[] f : ROW_FRACTIONS) {
            int start = raster.height() * f[0] / f[1] * raster.width();
            if (!starts.contains(start)) {
                starts.add(start);
            }
        }
        return starts;
    }

    /**
     * Chooses up to {@link #COPIES} non-overlapping slots of {@code length} samples outside
     * {@code untouched} (a set of sample indices); empty when none fits.
     */
    static List<Integer> choose(Raster raster, int length, BitSet untouched) {
        List<Integer> chosen = new ArrayList<>();
        for (int start : candidates(raster)) {
            if (chosen.size() == COPIES) {
                break;
            }
            int end = start + length;
            if (end > raster.size()) {
                continue;
            }
            int firstUntouched = untouched.nextSetBit(start);
            boolean free = firstUntouched < 0 || firstUntouched >= end;
            for (int other : chosen) {
                free &= end <= other || start >= other + length;
            }
            if (free) {
                chosen.add(start);
            }
        }
        return chosen;
    }

    static Bits readLowBits(Raster raster, int start, int count) {
        int[] s = raster.samples();
        int n = Math.min(count, raster.size() - start);
        Bits bits = new Bits(n);
        for (int i = 0; i < n; i++) {
            bits.append((s[start + i] & 1) != 0);
        }
        return bits;
    }

    /** Replaces the least significant bits; stays in range because legal ranges start even and end odd. */
    static void writeLowBits(Raster raster, int start, Bits bits) {
        int[] s = raster.samples();
        for (int i = 0; i < bits.length(); i++) {
            s[start + i] = (s[start + i] & ~1) | bits.bit(i);
        }
    }
}
