package org.cyberhealth.imaging.watermark.robust;

import java.util.ArrayList;
import java.util.List;

/**
 * Which guard candidates are worth planning (see {@link RobustMark}): the side information is mostly
 * the list of zones inside the guards that their shift would push out of them, so each candidate is
 * scored by how many zones would be such zones with the shifts of a plan already made, and only the
 * few best are planned. A zone whose lowest changeable sample lies at {@code L} and whose shift is
 * {@code s} is such a zone exactly for the low guards in {@code (L - s, L]}: one pass over the zones
 * marks those runs in a difference array over the levels searched, and a running sum gives every
 * candidate's count (likewise for high guards, from the zones' highest samples).
 *
 * <p>Planning every candidate (some 36 guards, each moving the headroom of thousands of zones of a
 * 1024x1024 picture next to a crowded end level) was a sixth of marking a chest X-ray and a quarter
 * of marking the MR slice MR2. The count leaves out that strengths follow the guards a little (a bit
 * whose zones lose room is strengthened), so the few best candidates are planned and compared exactly.
 */
final class GuardShortlist {

    private final int low;
    private final int high;
    /** By distance from the low end (0 to the reach): how many zones the low guard there leaves ambiguous. */
    private final long[] ambiguousAbove;
    /** Likewise for the high guard, by distance from the high end. */
    private final long[] ambiguousBelow;

    /**
     * Counts, for the guards up to {@code reach} levels in from either end of {@code low..high}, against
     * the shifts {@code strengths} give every zone of {@code layout}: both ends in one pass over the zones.
     */
    GuardShortlist(RobustParameters parameters, ZoneLayout layout, ZoneStatistics zones, BitStrength[] strengths, int low, int high, int reach) {
        this.low = low;
        this.high = high;
        // runs[d]: how many zones start or stop being ambiguous at the guard d levels in from an end
        long[] runsAbove = new long[reach + 2];
        long[] runsBelow = new long[reach + 2];
        int[] base = new int[strengths.length];
        int[] boosted = new int[strengths.length];
        for (int bit = 0; bit < strengths.length; bit++) {
            base[bit] = parameters.step() * strengths[bit].base();
            boosted[bit] = strengths[bit].boostedRanks(layout.zonesOf(bit));
        }
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            int bit = layout.bitOf(zone);
            int s = base[bit] + ((layout.rankOf(zone) - boosted[bit]) >>> 31) * parameters.step();
            if (zones.changeable(zone)) {
                // ambiguous for the guards d levels in with distance - s < d <= distance (none when s is 0)
                count(runsAbove, (long) zones.lowest(zone) - low, s, reach);
                count(runsBelow, (long) high - zones.highest(zone), s, reach);
            }
        }
        ambiguousAbove = running(runsAbove, reach);
        ambiguousBelow = running(runsBelow, reach);
    }

    /**
     * Counts the run of guards {@code distance - shift < d <= distance}, clipped to {@code 0..reach}. Whether
     * it is empty changes at random from zone to zone; an empty run is counted without a branch as one
     * starting and ending past the reach, where nothing is read.
     */
    private static void count(long[] runs, long distance, int shift, int reach) {
        long from = Math.max(0, distance - shift + 1);
        long to = Math.min(reach, distance);
        long empty = (to - from) >> 63;
        runs[(int) (from + ((reach + 1 - from) & empty))]++;
        runs[(int) (to + 1 + ((reach - to) & empty))]--;
    }

    private static long[] running(long[] runs, int reach) {
        long[] sums = new long[reach + 1];
        long sum = 0;
        for (int d = 0; d <= reach; d++) {
            sum += runs[d];
            sums[d] = sum;
        }
        return sums;
    }

    /**
     * The candidates (levels up to the reach in from the low end for {@code direction} 1, from the high
     * end for -1) that leave at most {@code most} zones ambiguous, ordered by how many, fewest first; ties
     * go to the candidate nearer the end, which leaves more zones markable.
     */
    List<Integer> ranked(List<Integer> candidates, int direction, long most) {
        long[] ambiguous = direction > 0 ? ambiguousAbove : ambiguousBelow;
        int end = direction > 0 ? low : high;
        List<Integer> ranked = new ArrayList<>(candidates);
        ranked.removeIf(candidate -> ambiguous[direction * (candidate - end)] > most);
        // stable: candidates come nearest the end first
        ranked.sort((a, b) -> Long.compare(ambiguous[direction * (a - end)], ambiguous[direction * (b - end)]));
        return ranked;
    }
}
