package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;
import org.cyberhealth.core.bits.Bits;

/**
 * The informed part of the embedding (see {@link RobustMark}): for one choice of guards, the smallest
 * strength of every bit that brings the bit's summed zone score to the margin, and the zones that are
 * left unmarked but that the marked picture alone cannot classify.
 *
 * <p>The embedder asks this for dozens of guard choices. What a bit gets depends on the guards only
 * through its zones' headrooms (the largest shift each can take), and only up to the largest shift its
 * search tried, which is small: so each bit keeps its last answer until a new choice of guards changes
 * one of its zones' headrooms below that shift.
 */
final class InformedEmbedding {

    private final RobustParameters parameters;
    private final ZoneLayout layout;
    private final ZoneStatistics zones;
    private final Bits message;
    private final double floor;
    /** The largest shift any strength gives a zone. */
    private final int largestShift;
    /** The margin each bit's summed score must reach, which grows with its unclipped zones. */
    private final double[] marginOfBit;
    /** Each zone's headroom under the guards being planned, limited to {@link #largestShift}. */
    private final int[] headroom;
    /** Each zone's headroom when its bit's strength was last searched for. */
    private final int[] searchedHeadroom;
    /** For each bit, the largest shift its last search tried: larger headrooms did not matter to it. */
    private final int[] searchedShift;
    private final BitStrength[] strengths;
    /** For each bit, its zones left unmarked though inside the guards. */
    private final int[][] ambiguousOfBit;
    private boolean started;

    InformedEmbedding(RobustParameters parameters, ZoneLayout layout, ZoneStatistics zones, Bits message) {
        this.parameters = parameters;
        this.layout = layout;
        this.zones = zones;
        this.message = message;
        this.floor = zones.typicalNoise();
        this.largestShift = parameters.step() * (parameters.maxQuarterSteps() / 4 + 1);
        this.marginOfBit = new double[message.length()];
        for (int bit = 0; bit < message.length(); bit++) {
            long unclipped = 0;
            for (int zone : layout.zoneListOf(bit)) {
                unclipped += zones.clipped(zone) ? 0 : 1;
            }
            marginOfBit[bit] = parameters.margin() * unclipped;
        }
        this.headroom = new int[layout.zoneCount()];
        this.searchedHeadroom = new int[layout.zoneCount()];
        this.searchedShift = new int[message.length()];
        this.strengths = new BitStrength[message.length()];
        this.ambiguousOfBit = new int[message.length()][];
    }

    /** The side information embedding with {@code guards} would produce. */
    SideInformation plan(Guards guards) {
        int ambiguousCount = 0;
        for (int bit = 0; bit < message.length(); bit++) {
            boolean changed = !started;
            int mattered = searchedShift[bit];
            for (int zone : layout.zoneListOf(bit)) {
                int room = zones.headroom(zone, guards, largestShift);
                changed |= Math.min(room, mattered) != Math.min(searchedHeadroom[zone], mattered);
                headroom[zone] = room;
            }
            if (changed) {
                strengths[bit] = strengthFor(bit);
                ambiguousOfBit[bit] = ambiguousZones(bit);
                for (int zone : layout.zoneListOf(bit)) {
                    searchedHeadroom[zone] = headroom[zone];
                }
            }
            ambiguousCount += ambiguousOfBit[bit].length;
        }
        started = true;
        int[] ambiguous = new int[ambiguousCount];
        int filled = 0;
        for (int[] ofBit : ambiguousOfBit) {
            System.arraycopy(ofBit, 0, ambiguous, filled, ofBit.length);
            filled += ofBit.length;
        }
        Arrays.sort(ambiguous);
        return new SideInformation(strengths.clone(), guards, ambiguous);
    }

    /** The shift of every zone, signed as its bit, that embedding with {@code side} applies (0: unmarked). */
    int[] shifts(SideInformation side) {
        int[] shifts = new int[layout.zoneCount()];
        for (int bit = 0; bit < message.length(); bit++) {
            int sign = message.get(bit) ? 1 : -1;
            for (int zone : layout.zoneListOf(bit)) {
                int shift = RobustMark.shiftOf(parameters, layout, zone, side.strengths()[bit]);
                if (shift > 0 && zones.fits(zone, shift, side.guards())) {
                    shifts[zone] = sign * shift;
                }
            }
        }
        return shifts;
    }

    /**
     * The smallest strength, in quarter steps, that gives the bit its margin over all its zones, or the
     * largest allowed when none does; notes the largest shift tried.
     */
    private BitStrength strengthFor(int bit) {
        int sign = message.get(bit) ? 1 : -1;
        for (int steps = parameters.minQuarterSteps(); steps < parameters.maxQuarterSteps(); steps++) {
            BitStrength strength = BitStrength.ofQuarterSteps(steps);
            searchedShift[bit] = parameters.step() * (strength.base() + 1);
            double total = 0;
            for (int zone : layout.zoneListOf(bit)) {
                if (zones.clipped(zone)) {
                    continue;
                }
                int shift = RobustMark.shiftOf(parameters, layout, zone, strength);
                total += zones.scoreAfter(zone, shift > 0 && shift <= headroom[zone] ? sign * shift : 0, floor);
            }
            if (sign * total >= marginOfBit[bit]) {
                return strength;
            }
        }
        searchedShift[bit] = largestShift;
        return BitStrength.ofQuarterSteps(parameters.maxQuarterSteps());
    }

    /** The bit's zones that its strength would shift but that do not fit, yet lie inside the guards. */
    private int[] ambiguousZones(int bit) {
        int[] listed = new int[layout.zonesOf(bit)];
        int count = 0;
        for (int zone : layout.zoneListOf(bit)) {
            int shift = RobustMark.shiftOf(parameters, layout, zone, strengths[bit]);
            if (shift > 0 && headroom[zone] >= 0 && headroom[zone] < shift) {
                listed[count++] = zone;
            }
        }
        return Arrays.copyOf(listed, count);
    }
}
