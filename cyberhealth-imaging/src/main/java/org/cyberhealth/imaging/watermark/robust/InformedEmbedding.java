package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;
import org.cyberhealth.core.bits.Bits;

/**
 * The informed part of the embedding (see {@link RobustMark}): for one choice of guards, the smallest
 * strength of every bit that brings the bit's summed zone score to the margin, and the zones that are
 * left unmarked but that the marked picture alone cannot classify.
 *
 * <p>The embedder asks this for dozens of guard choices, and the answers must not depend on how they
 * were found. What a bit gets depends on the guards only through its zones' headrooms (the largest shift
 * each can take), and only up to the largest shift its search tried, so a bit keeps its last answer
 * until a new choice of guards changes one of its zones' headrooms below that shift. Most bits reach
 * their margin with the weakest strength; when a few of their zones stop (or start) fitting, the new
 * sum is the last one plus those zones' changes, and it is computed afresh, in the zones' order, only
 * when that estimate lies so close to the margin that rounding could decide.
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
    /** For each bit whose last search stopped at the weakest strength, the sum that reached the margin; else NaN. */
    private final double[] weakestTotal;
    private final BitStrength[] strengths;
    /** Per bit: whether its strength brings its summed score to the margin (else it has the largest strength). */
    private final boolean[] reachesMargin;
    /** Scratch: the score of each of a bit's zones at the strength being tried, in the order of {@link ZoneLayout#zoneListOf}. */
    private final double[] scoreOfListed;
    /** Per bit, the place in {@link ZoneLayout#zoneListOf} of its zone of each rank. */
    private final int[][] listedIndexOfRank;
    /** The shift the weakest strength gives each zone. */
    private final int[] weakestShift;
    /** How much each zone's score grows when it is shifted by the weakest strength. */
    private final double[] weakestGain;
    /**
     * The zones inside the guards that some strength would push out of them (a bit set over zones):
     * only they can be ambiguous.
     */
    private final long[] tight;
    /**
     * Per zone: whether its headroom moved since its bit's last search in a way that matters to that
     * search (below the largest shift it tried); per bit, how many of its zones did.
     */
    private final boolean[] moved;
    private final int[] movedZones;
    /** Per zone: whether it moved and so started or stopped fitting at the weakest strength. */
    private final boolean[] changesWeakest;
    /** Per bit: how much its sum at the weakest strength moved since its last search. */
    private final double[] weakestChange;
    /** Per bit, during {@link #plan}: whether some zone of it started or stopped changing the weakest sum. */
    private final boolean[] weakestChangeStale;
    /** Scratch for {@link #plan}: every zone's headroom under the first guards, then the zones near a guard that moved. */
    private final int[] rooms;
    private boolean started;
    /** The guards of the last plan. */
    private Guards planned;

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
        this.weakestTotal = new double[message.length()];
        Arrays.fill(weakestTotal, Double.NaN);
        this.strengths = new BitStrength[message.length()];
        this.reachesMargin = new boolean[message.length()];
        this.weakestShift = new int[layout.zoneCount()];
        BitStrength weakest = BitStrength.ofQuarterSteps(parameters.minQuarterSteps());
        this.weakestGain = new double[layout.zoneCount()];
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            weakestShift[zone] = RobustMark.shiftOf(parameters, layout, zone, weakest);
            int sign = message.get(layout.bitOf(zone)) ? 1 : -1;
            weakestGain[zone] = zones.scoreAfter(zone, sign * weakestShift[zone], floor) - zones.scoreAfter(zone, 0, floor);
        }
        this.tight = new long[(layout.zoneCount() + 63) / 64];
        this.moved = new boolean[layout.zoneCount()];
        this.movedZones = new int[message.length()];
        this.changesWeakest = new boolean[layout.zoneCount()];
        this.weakestChange = new double[message.length()];
        this.weakestChangeStale = new boolean[message.length()];
        this.rooms = new int[2 * layout.zoneCount()];
        int most = 0;
        for (int bit = 0; bit < message.length(); bit++) {
            most = Math.max(most, layout.zonesOf(bit));
        }
        this.scoreOfListed = new double[most];
        this.listedIndexOfRank = new int[message.length()][];
        for (int bit = 0; bit < message.length(); bit++) {
            int[] listed = layout.zoneListOf(bit);
            listedIndexOfRank[bit] = new int[listed.length];
            for (int i = 0; i < listed.length; i++) {
                listedIndexOfRank[bit][layout.rankOf(listed[i])] = i;
            }
        }
    }

    /**
     * The side information embedding with {@code guards} would produce. Between two plans only the
     * zones whose headroom can have changed are looked at again (those with an extreme within the
     * largest shift of a guard that moved, found in the zones sorted by their extremes), and only the
     * bits whose weakest sum they change are summed again: guards a level apart change a few zones of
     * a picture.
     */
    SideInformation plan(Guards guards) {
        if (!started) {
            zones.headrooms(guards, largestShift, rooms);
            for (int zone = 0; zone < layout.zoneCount(); zone++) {
                headroomChanged(zone, rooms[zone]);
            }
        } else {
            // only zones whose extremes lie within the largest shift of a guard that moved can change
            int near = zones.zonesNear(planned, guards, largestShift, rooms);
            for (int i = 0; i < near; i++) {
                int zone = rooms[i];
                int room = zones.headroom(zone, guards, largestShift);
                if (room != headroom[zone]) {
                    headroomChanged(zone, room);
                }
            }
        }
        planned = guards;
        for (int bit = 0; bit < message.length(); bit++) {
            // the weakest sum matters only to a moved bit whose last search stopped at the weakest strength
            if (weakestChangeStale[bit] && movedZones[bit] > 0 && !Double.isNaN(weakestTotal[bit])) {
                weakestChange[bit] = weakestChangeOf(bit);
                weakestChangeStale[bit] = false;
            }
            // the first plan searches every bit (weakestStillReaches knows no last sum yet)
            if ((!started || movedZones[bit] > 0) && !weakestStillReaches(bit)) {
                strengths[bit] = strengthFor(bit);
                for (int zone : layout.zoneListOf(bit)) {
                    searchedHeadroom[zone] = headroom[zone];
                    moved[zone] = false;
                    changesWeakest[zone] = false;
                }
                movedZones[bit] = 0;
                weakestChange[bit] = 0;
                weakestChangeStale[bit] = false;
            }
        }
        started = true;
        return new SideInformation(strengths.clone(), guards, ambiguousZones());
    }

    /** Notes the zone's new headroom, whether it is tight, and whether it moved for its bit's last search. */
    private void headroomChanged(int zone, int room) {
        int bit = layout.bitOf(zone);
        headroom[zone] = room;
        long mask = 1L << zone;
        tight[zone >>> 6] = room >= 0 && room < largestShift ? tight[zone >>> 6] | mask : tight[zone >>> 6] & ~mask;
        boolean movedNow = Math.min(room, searchedShift[bit]) != Math.min(searchedHeadroom[zone], searchedShift[bit]);
        int shift = weakestShift[zone];
        boolean fitted = shift > 0 && shift <= searchedHeadroom[zone];
        boolean fits = shift > 0 && shift <= room;
        boolean changesWeakestNow = movedNow && fits != fitted;
        if (movedNow != moved[zone]) {
            moved[zone] = movedNow;
            movedZones[bit] += movedNow ? 1 : -1;
        }
        if (changesWeakestNow != changesWeakest[zone]) {
            changesWeakest[zone] = changesWeakestNow;
            weakestChangeStale[bit] = true;
        }
    }

    /** How much the bit's sum at the weakest strength moved since its last search, added in zone order. */
    private double weakestChangeOf(int bit) {
        double change = 0;
        for (int zone : layout.zoneListOf(bit)) {
            if (changesWeakest[zone]) {
                int shift = weakestShift[zone];
                change += shift <= headroom[zone] ? weakestGain[zone] : -weakestGain[zone];
            }
        }
        return change;
    }

    /**
     * How many bits the last {@link #plan} left short of their margin even at the largest strength: guards
     * far inside the range leave most zones unmarked (and so the side information short), and a dark or
     * bright picture would otherwise lose its mark to them.
     */
    int bitsShortOfMargin() {
        int count = 0;
        for (boolean reaches : reachesMargin) {
            count += reaches ? 0 : 1;
        }
        return count;
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
     * Whether the bit's last search stopped at the weakest strength and the sum it would now find there
     * certainly reaches the margin too: the last sum plus the change of the zones that started or
     * stopped fitting, clear of the margin by more than the rounding of either sum can account for.
     */
    private boolean weakestStillReaches(int bit) {
        if (Double.isNaN(weakestTotal[bit])) {
            return false;
        }
        int sign = message.get(bit) ? 1 : -1;
        // Summing n scores of at most 3 in any order errs by less than about 3 n^2 units of the last
        // place (Higham, "Accuracy and Stability of Numerical Algorithms", section 4.2), for the last sum,
        // the fresh one and the update alike; 4 (n + 1)^2 / 2^50 covers all three.
        double n = layout.zonesOf(bit) + 1.0;
        return sign * (weakestTotal[bit] + weakestChange[bit]) >= marginOfBit[bit] + 4 * n * n * 0x1p-50;
    }

    /**
     * The smallest strength, in quarter steps, that gives the bit its margin over all its zones, or the
     * largest allowed when none does; notes the largest shift tried, and the sum if the weakest did.
     *
     * <p>A quarter step changes the shift of a quarter of the bit's zones only (those of one quarter of
     * the ranks), so the sum is carried from step to step by those zones' changes. The answer must be
     * the one the sum in zone order gives, so a carried sum decides only when it lies clear of the margin
     * by more than its rounding and that of the sum in zone order can account for; closer, the sum is
     * taken afresh in zone order.
     */
    private BitStrength strengthFor(int bit) {
        int sign = message.get(bit) ? 1 : -1;
        weakestTotal[bit] = Double.NaN;
        int[] listed = layout.zoneListOf(bit);
        int n = listed.length;
        int[] byRank = listedIndexOfRank[bit];
        int first = parameters.minQuarterSteps();
        double total = 0;
        int updates = 0;
        for (int steps = first; steps < parameters.maxQuarterSteps(); steps++) {
            BitStrength strength = BitStrength.ofQuarterSteps(steps);
            searchedShift[bit] = parameters.step() * (strength.base() + 1);
            if (steps == first) {
                for (int i = 0; i < n; i++) {
                    int zone = listed[i];
                    scoreOfListed[i] = scoreAt(zone, sign * parameters.step() * strength.shiftOf(layout.rankOf(zone), n));
                }
                total = sumInZoneOrder(n);
            } else {
                // the ranks whose shift this step changes: the next quarter boosted, or (a new base) the last quarter
                int fromRank = strength.boostedQuarters() == 0 ? 3 * n / 4 : (strength.boostedQuarters() - 1) * n / 4;
                int toRank = strength.boostedQuarters() == 0 ? n : strength.boostedRanks(n);
                for (int rank = fromRank; rank < toRank; rank++) {
                    int i = byRank[rank];
                    double score = scoreAt(listed[i], sign * parameters.step() * strength.shiftOf(rank, n));
                    total += score - scoreOfListed[i];
                    scoreOfListed[i] = score;
                    updates++;
                }
                // each carried update and each term of a sum in zone order errs by at most an ulp of a
                // partial sum (at most 3 n) and its terms: twice that bound is certainly clear
                double clear = 2.0 * (updates + n + 2) * (3.0 * n + 12) * 0x1p-53;
                double ahead = sign * total - marginOfBit[bit];
                if (ahead > -clear && ahead <= clear) {
                    total = sumInZoneOrder(n);
                    updates = 0;
                } else if (ahead > 0) {
                    reachesMargin[bit] = true;
                    return strength;
                } else {
                    continue;
                }
            }
            if (sign * total >= marginOfBit[bit]) {
                weakestTotal[bit] = steps == first ? total : Double.NaN;
                reachesMargin[bit] = true;
                return strength;
            }
        }
        searchedShift[bit] = largestShift;
        reachesMargin[bit] = false;
        return BitStrength.ofQuarterSteps(parameters.maxQuarterSteps());
    }

    /** The zone's score shifted by {@code signedShift} if that fits its headroom, else unshifted; 0 when clipped. */
    private double scoreAt(int zone, int signedShift) {
        int shift = Math.abs(signedShift);
        return zones.scoreAfter(zone, shift > 0 && shift <= headroom[zone] ? signedShift : 0, floor);
    }

    /** The sum of the first {@code n} scores of {@link #scoreOfListed}, in zone order (a clipped zone's 0 changes no sum). */
    private double sumInZoneOrder(int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += scoreOfListed[i];
        }
        return total;
    }

    /** The zones, in increasing order, that their bit's strength would shift but that do not fit, yet lie inside the guards. */
    private int[] ambiguousZones() {
        int[] boosted = new int[message.length()];
        for (int bit = 0; bit < message.length(); bit++) {
            boosted[bit] = strengths[bit].boostedRanks(layout.zonesOf(bit));
        }
        int[] ambiguous = new int[16];
        int count = 0;
        for (int word = 0; word < tight.length; word++) {
            for (long rest = tight[word]; rest != 0; rest &= rest - 1) {
                int zone = word * 64 + Long.numberOfTrailingZeros(rest);
                int bit = layout.bitOf(zone);
                int shift = parameters.step() * (strengths[bit].base() + (layout.rankOf(zone) < boosted[bit] ? 1 : 0));
                if (shift > 0 && headroom[zone] >= 0 && headroom[zone] < shift) {
                    if (count == ambiguous.length) {
                        ambiguous = Arrays.copyOf(ambiguous, 2 * count);
                    }
                    ambiguous[count++] = zone;
                }
            }
        }
        return Arrays.copyOf(ambiguous, count);
    }
}
