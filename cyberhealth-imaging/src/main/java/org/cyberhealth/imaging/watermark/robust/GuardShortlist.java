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

    private final ZoneStatistics zones;
    /** Each zone's shift, in levels, under the strengths of the plan the counts start from (0: never ambiguous). */
    private final int[] shift;

    /** Counts against the shifts {@code strengths} give every zone of {@code layout}. */
    GuardShortlist(RobustParameters parameters, ZoneLayout layout, ZoneStatistics zones, BitStrength[] strengths) {
        this.zones = zones;
        this.shift = new int[layout.zoneCount()];
        for (int zone = 0; zone < shift.length; zone++) {
            shift[zone] = RobustMark.shiftOf(parameters, layout, zone, strengths[layout.bitOf(zone)]);
        }
    }

    /**
     * The candidates (levels from {@code end} of the range inwards, {@code direction} 1 for the low
     * guard, -1 for the high one) that leave at most {@code most} zones ambiguous, ordered by how many,
     * fewest first; ties go to the candidate nearer the end, which leaves more zones markable.
     */
    List<Integer> ranked(List<Integer> candidates, int end, int direction, long most) {
        int reach = 0;
        for (int candidate : candidates) {
            reach = Math.max(reach, direction * (candidate - end));
        }
        // runs[d]: how many zones start or stop being ambiguous at the guard d levels in from the end
        long[] runs = new long[reach + 2];
        for (int zone = 0; zone < shift.length; zone++) {
            int s = shift[zone];
            if (s <= 0 || !zones.changeable(zone)) {
                continue;
            }
            long distance = direction > 0 ? (long) zones.lowest(zone) - end : (long) end - zones.highest(zone);
            // ambiguous for the guards d levels in with distance - s < d <= distance
            long from = Math.max(0, distance - s + 1);
            long to = Math.min(reach, distance);
            if (from <= to) {
                runs[(int) from]++;
                runs[(int) to + 1]--;
            }
        }
        long[] ambiguous = new long[reach + 1];
        long running = 0;
        for (int d = 0; d <= reach; d++) {
            running += runs[d];
            ambiguous[d] = running;
        }
        List<Integer> ranked = new ArrayList<>(candidates);
        ranked.removeIf(candidate -> ambiguous[direction * (candidate - end)] > most);
        // stable: candidates come nearest the end first
        ranked.sort((a, b) -> Long.compare(ambiguous[direction * (a - end)], ambiguous[direction * (b - end)]));
        return ranked;
    }
}
