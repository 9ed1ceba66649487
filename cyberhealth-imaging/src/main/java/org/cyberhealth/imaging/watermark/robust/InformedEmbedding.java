package org.cyberhealth.imaging.watermark.robust;

import java.util.Arrays;
import org.cyberhealth.core.bits.Bits;

/**
 * The informed part of the embedding (see {@link RobustMark}): for one choice of guards, the smallest
 * strength of every bit that brings the bit's summed zone score to the margin, and the zones that are
 * left unmarked but that the marked picture alone cannot classify.
 *
 * <p>The embedder asks this for dozens of guard choices, and the answers must not depend on how they
 * were found. Each bit keeps its <em>profile</em>: its summed score at every strength searched so far
 * (quarter step by quarter step, a quarter of its zones changing shift at each). A guard choice changes
 * a bit's sums only through the zones whose headroom (the largest shift each can take) it moved, and a
 * zone whose headroom moved changes the sum of a strength only where its shift there starts or stops
 * fitting: the profile is updated by those few terms, and the bit's strength read off it, instead of
 * searching its zones again (the search was a third of marking MR2, whose bits need up to 60 steps).
 * A carried sum decides only when it lies clear of the margin by more than its rounding and that of the
 * sum in zone order can account for; closer, the sum is taken afresh in zone order.
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
    private final BitStrength[] strengths;
    /** Per bit: whether its strength brings its summed score to the margin (else it has the largest strength). */
    private final boolean[] reachesMargin;
    /** The strengths searched, in quarter steps: {@code first} up to {@code first + searched - 1}. */
    private final int first;
    private final int searched;
    /** Per bit ({@code bit * searched + step - first}): the carried summed score at each strength profiled so far. */
    private final double[] profile;
    /** Per bit: how many strengths are profiled ({@code first} up to {@code first + profiled - 1}). */
    private final int[] profiled;
    /** Per bit: how many terms its profile carried since its sums were taken in zone order (its rounding grows with them). */
    private final long[] carriedTerms;
    /** Per zone: its score unshifted (the term of a shift that does not fit), asked for at every headroom change. */
    private final double[] unshiftedScore;
    /** Per zone: its score at its bit's last profiled strength, which the next strength updates. */
    private final double[] lastScore;
    /** Per bit, its zones by rank (a quarter step changes the shifts of a run of ranks). */
    private final int[][] zoneOfRank;
    /** Per bit, during {@link #plan}: whether a zone of it moved, so that its strength is read again. */
    private final boolean[] stale;
    /**
     * The zones inside the guards that some strength would push out of them (a bit set over zones):
     * only they can be ambiguous.
     */
    private final long[] tight;
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
        this.strengths = new BitStrength[message.length()];
        this.reachesMargin = new boolean[message.length()];
        this.first = parameters.minQuarterSteps();
        this.searched = parameters.maxQuarterSteps() - first;
        this.profile = new double[message.length() * Math.max(1, searched)];
        this.profiled = new int[message.length()];
        this.carriedTerms = new long[message.length()];
        this.lastScore = new double[layout.zoneCount()];
        this.unshiftedScore = new double[layout.zoneCount()];
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            unshiftedScore[zone] = zones.scoreAfter(zone, 0, floor);
        }
        this.stale = new boolean[message.length()];
        this.zoneOfRank = new int[message.length()][];
        for (int bit = 0; bit < message.length(); bit++) {
            int[] listed = layout.zoneListOf(bit);
            zoneOfRank[bit] = new int[listed.length];
            for (int zone : listed) {
                zoneOfRank[bit][layout.rankOf(zone)] = zone;
            }
        }
        this.tight = new long[(layout.zoneCount() + 63) / 64];
        this.rooms = new int[2 * layout.zoneCount()];
    }

    /**
     * The side information embedding with {@code guards} would produce. Between two plans only the
     * zones whose headroom can have changed are looked at again (those with an extreme within the
     * largest shift of a guard that moved, found in the zones sorted by their extremes), and only the
     * bits they belong to read their strength again: guards a level apart change a few zones of a
     * picture.
     */
    SideInformation plan(Guards guards) {
        if (!started) {
            zones.headrooms(guards, largestShift, rooms);
            for (int zone = 0; zone < layout.zoneCount(); zone++) {
                headroom[zone] = rooms[zone];
                noteTight(zone);
            }
            java.util.Arrays.fill(stale, true);
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
            if (stale[bit]) {
                strengths[bit] = strengthFor(bit);
                stale[bit] = false;
            }
        }
        started = true;
        return new SideInformation(strengths.clone(), guards, ambiguousZones());
    }

    private void noteTight(int zone) {
        int room = headroom[zone];
        long mask = 1L << zone;
        tight[zone >>> 6] = room >= 0 && room < largestShift ? tight[zone >>> 6] | mask : tight[zone >>> 6] & ~mask;
    }

    /**
     * Notes the zone's new headroom and updates its bit's profile where its shift starts or stops
     * fitting: at those strengths the zone's term goes from its unshifted score to its shifted one or
     * back.
     */
    private void headroomChanged(int zone, int room) {
        int old = headroom[zone];
        headroom[zone] = room;
        noteTight(zone);
        int bit = layout.bitOf(zone);
        int known = profiled[bit];
        if (known == 0 || zones.clipped(zone)) {
            // nothing profiled yet, or a term that is 0 at every shift
            return;
        }
        int sign = message.get(bit) ? 1 : -1;
        int n = layout.zonesOf(bit);
        int rank = layout.rankOf(zone);
        int base = bit * searched - first;
        double unshifted = unshiftedScore[zone];
        // the shifts that start (or stop) fitting are the levels between the two headrooms; a zone has
        // level k at the run of strengths [4k - 4 + q, 4k - 1 + q], q the first quarter that boosts its rank
        int q = firstBoostingQuarter(rank, n);
        int step = parameters.step();
        int lastProfiled = first + known - 1;
        for (int level = Math.max(1, Math.min(old, room) / step + 1); level * step <= Math.max(old, room); level++) {
            int from = Math.max(first, 4 * level - 4 + q);
            int to = Math.min(lastProfiled, 4 * level - 1 + q);
            if (from > lastProfiled) {
                // higher levels come at still later strengths, none profiled yet
                break;
            }
            if (from > to) {
                continue;
            }
            double gain = zones.scoreAfter(zone, sign * level * step, floor) - unshifted;
            double change = room > old ? gain : -gain;
            for (int steps = from; steps <= to; steps++) {
                profile[base + steps] += change;
            }
            carriedTerms[bit] += to - from + 1;
        }
        lastScore[zone] = scoreAt(zone, sign * shiftAt(first + known - 1, rank, n));
        stale[bit] = true;
    }

    /** The first quarter (1 to 3) whose boost reaches rank {@code rank} of {@code n} (see {@link BitStrength#boostedRanks}), 4 if none does. */
    private static int firstBoostingQuarter(int rank, int n) {
        int q = 1;
        while (q < 4 && rank >= q * n / 4) {
            q++;
        }
        return q;
    }

    /** The shift, in levels, of the zone of rank {@code rank} among its bit's {@code n} at a strength of {@code steps} quarter steps. */
    private int shiftAt(int steps, int rank, int n) {
        return parameters.step() * ((steps >> 2) + (rank < (steps & 3) * n / 4 ? 1 : 0));
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
     * The smallest strength, in quarter steps, that gives the bit its margin over all its zones, or the
     * largest allowed when none does: read off the bit's profile, which is extended strength by strength
     * (a quarter of the zones changing shift at each) only as far as the search needs.
     */
    private BitStrength strengthFor(int bit) {
        int sign = message.get(bit) ? 1 : -1;
        int[] listed = layout.zoneListOf(bit);
        int n = listed.length;
        int base = bit * searched - first;
        for (int steps = first; steps < first + searched; steps++) {
            if (steps - first == profiled[bit]) {
                extendProfile(bit, steps, sign, listed);
            }
            double total = profile[base + steps];
            // each carried term and each term of a sum in zone order errs by at most an ulp of a partial
            // sum (at most 3 n) and its terms: twice that bound is certainly clear
            double clear = 2.0 * (carriedTerms[bit] + n + 2) * (3.0 * n + 12) * 0x1p-53;
            double ahead = sign * total - marginOfBit[bit];
            if (ahead > -clear && ahead <= clear) {
                total = sumInZoneOrder(steps, sign, listed);
                ahead = sign * total - marginOfBit[bit];
            }
            if (ahead >= 0) {
                reachesMargin[bit] = true;
                return BitStrength.ofQuarterSteps(steps);
            }
        }
        reachesMargin[bit] = false;
        return BitStrength.ofQuarterSteps(parameters.maxQuarterSteps());
    }

    /** Profiles the bit at {@code steps}: in zone order at the first strength, else the last sum plus the zones whose shift changed. */
    private void extendProfile(int bit, int steps, int sign, int[] listed) {
        int n = listed.length;
        int base = bit * searched - first;
        if (steps == first) {
            double total = 0;
            for (int zone : listed) {
                lastScore[zone] = scoreAt(zone, sign * shiftAt(steps, layout.rankOf(zone), n));
                total += lastScore[zone];
            }
            profile[base + steps] = total;
            carriedTerms[bit] = 0;
        } else {
            // the ranks whose shift this step changes: the next quarter boosted, or (a new base) the last quarter
            int quarters = steps & 3;
            int fromRank = quarters == 0 ? 3 * n / 4 : (quarters - 1) * n / 4;
            int toRank = quarters == 0 ? n : quarters * n / 4;
            double total = profile[base + steps - 1];
            int[] byRank = zoneOfRank[bit];
            for (int rank = fromRank; rank < toRank; rank++) {
                int zone = byRank[rank];
                double score = scoreAt(zone, sign * shiftAt(steps, rank, n));
                total += score - lastScore[zone];
                lastScore[zone] = score;
                carriedTerms[bit]++;
            }
            profile[base + steps] = total;
        }
        profiled[bit]++;
    }

    /** The zone's score shifted by {@code signedShift} if that fits its headroom, else unshifted; 0 when clipped. */
    private double scoreAt(int zone, int signedShift) {
        int shift = Math.abs(signedShift);
        return shift > 0 && shift <= headroom[zone] ? zones.scoreAfter(zone, signedShift, floor) : unshiftedScore[zone];
    }

    /** The bit's summed score at {@code steps} quarter steps, in zone order (a clipped zone's 0 changes no sum). */
    private double sumInZoneOrder(int steps, int sign, int[] listed) {
        double total = 0;
        int n = listed.length;
        for (int zone : listed) {
            total += scoreAt(zone, sign * shiftAt(steps, layout.rankOf(zone), n));
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
