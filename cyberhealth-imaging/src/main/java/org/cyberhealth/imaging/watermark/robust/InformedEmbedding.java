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

    /** Doubles a slot holds in {@link #terms}: its zone's {@link ZoneStatistics#scoreTerms}, the last its unshifted score. */
    private static final int STRIDE = ZoneStatistics.SCORE_TERMS;
    private static final int UNSHIFTED = STRIDE - 1;

    /**
     * What updating one zone's term at one level costs against a score taken while profiling afresh:
     * the updates come at scattered slots and strengths, profiling runs through a bit's slots in order.
     */
    private static final int UPDATE_WEIGHT = 8;

    private final RobustParameters parameters;
    private final ZoneLayout layout;
    private final ZoneStatistics zones;
    private final Bits message;
    /** The largest shift any strength gives a zone. */
    private final int largestShift;
    /** The margin each bit's summed score must reach, which grows with its unclipped zones. */
    private final double[] marginOfBit;
    /**
     * Per slot ({@link ZoneLayout#slotOf}), {@link #STRIDE} doubles: the zone's score terms and its
     * unshifted score (the term of a shift that does not fit). On a 1024x1024 picture the zones'
     * statistics are megabytes; kept by slot, a strength step reads a run of them in a row.
     */
    private final double[] terms;
    /** Per slot: the zone's headroom under the guards being planned, limited to {@link #largestShift}. */
    private final int[] headroom;
    private final BitStrength[] strengths;
    /** Per bit: whether its strength brings its summed score to the margin (else it has the largest strength). */
    private final boolean[] reachesMargin;
    /** The strengths searched, in quarter steps: {@code first} up to {@code first + searched - 1}. */
    private final int first;
    private final int searched;
    /**
     * Per bit ({@code bit * searched + step - first}): how much its carried summed score rises from the
     * strength before to each strength profiled so far (at the first, the sum itself), so that a zone
     * whose shift starts or stops fitting over a run of strengths changes two entries, not the run.
     */
    private final double[] rises;
    /** Per bit: how many strengths are profiled ({@code first} up to {@code first + profiled - 1}). */
    private final int[] profiled;
    /** Per bit: how many additions its rises carried since they were first summed (their rounding grows with them). */
    private final long[] carriedTerms;
    /** Per slot: the zone's score at its bit's last profiled strength, which the next strength updates. */
    private final double[] lastScore;
    /** Per bit, during {@link #plan}: whether a zone of it moved, so that its strength is read again. */
    private final boolean[] stale;
    /**
     * The slots inside the guards that some strength would push out of them (a bit set over slots):
     * only their zones can be ambiguous.
     */
    private final long[] tight;
    /** Scratch for {@link #plan}: every zone's headroom under the first guards, then the zones near a guard that moved. */
    private final int[] rooms;
    /** Scratch for {@link #plan}: the slots whose zones are near a guard that moved (a bit set), and their new headroom. */
    private final long[] moved;
    private final int[] movedRoom;
    /** Scratch for {@link #ambiguousZones}: a bit set over zones. */
    private final long[] listed;
    private boolean started;
    /** The guards of the last plan. */
    private Guards planned;

    /**
     * An embedding of {@code message}, each bit planned for the margin of the parameters times its
     * {@code marginScale}; its per-zone arrays are kept in this thread's {@link Workspace}, so it
     * lasts until the next embedding made on the thread.
     */
    InformedEmbedding(RobustParameters parameters, ZoneLayout layout, ZoneStatistics zones, Bits message, double[] marginScale) {
        Workspace workspace = Workspace.ofThisThread();
        this.parameters = parameters;
        this.layout = layout;
        this.zones = zones;
        this.message = message;
        this.largestShift = parameters.step() * (parameters.maxQuarterSteps() / 4 + 1);
        int zoneCount = layout.zoneCount();
        this.terms = workspace.doubles(Workspace.Doubles.SCORE_TERMS, STRIDE * zoneCount);
        zones.scoreTerms(layout, zones.typicalNoise(), parameters.survival(), terms);
        int[] unclipped = new int[message.length()];
        for (int zone = 0; zone < zoneCount; zone++) {
            unclipped[layout.bitOf(zone)] += zones.clipped(zone) ? 0 : 1;
        }
        this.marginOfBit = new double[message.length()];
        for (int bit = 0; bit < message.length(); bit++) {
            marginOfBit[bit] = parameters.margin() * marginScale[bit] * unclipped[bit];
        }
        this.headroom = workspace.ints(Workspace.Ints.HEADROOM, zoneCount);
        this.strengths = new BitStrength[message.length()];
        this.reachesMargin = new boolean[message.length()];
        this.first = parameters.minQuarterSteps();
        this.searched = parameters.maxQuarterSteps() - first;
        this.rises = new double[message.length() * Math.max(1, searched)];
        this.profiled = new int[message.length()];
        this.carriedTerms = new long[message.length()];
        this.lastScore = workspace.doubles(Workspace.Doubles.LAST_SCORE, zoneCount);
        this.stale = new boolean[message.length()];
        this.tight = new long[(zoneCount + 63) / 64];
        this.rooms = workspace.ints(Workspace.Ints.ROOMS, 2 * zoneCount);
        this.moved = new long[(zoneCount + 63) / 64];
        this.movedRoom = workspace.ints(Workspace.Ints.MOVED_ROOM, zoneCount);
        this.listed = new long[(zoneCount + 63) / 64];
    }

    /**
     * The side information embedding with {@code guards} would produce. Between two plans only the
     * zones whose headroom can have changed are looked at again (those with an extreme within the
     * largest shift of a guard that moved, found in the zones sorted by their extremes), in slot order,
     * and only the bits they belong to read their strength again: guards a level apart change a few
     * zones of a picture. Where the guards moved near so many zones that updating would cost more, every
     * profile is taken afresh instead; the strengths are the same either way.
     */
    SideInformation plan(Guards guards) {
        if (!started) {
            profileAfresh(guards);
        } else {
            // only zones whose extremes lie within the largest shift of a guard that moved can change
            int near = zones.zonesNear(planned, guards, largestShift, rooms);
            long updates = 0;
            for (int i = 0; i < near; i++) {
                int zone = rooms[i];
                int slot = layout.slotOf(zone);
                moved[slot >>> 6] |= 1L << slot;
                movedRoom[slot] = zones.headroom(zone, guards, largestShift);
                updates += 1 + Math.min(Math.abs(levelsIn(movedRoom[slot]) - levelsIn(headroom[slot])), profiled[layout.bitOf(zone)] / 4 + 1);
            }
            if (UPDATE_WEIGHT * updates > costOfProfilingAfresh()) {
                Arrays.fill(moved, 0);
                profileAfresh(guards);
            } else {
                updateMovedZones();
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

    /** Every zone's headroom under {@code guards}, and every bit's profile and strength to be taken afresh (from the first strength on, as far as its search goes). */
    private void profileAfresh(Guards guards) {
        zones.headrooms(guards, largestShift, rooms);
        int[] zoneOf = layout.zonesBySlot();
        for (int slot = 0; slot < zoneOf.length; slot++) {
            headroom[slot] = rooms[zoneOf[slot]];
            noteTight(slot, headroom[slot]);
        }
        Arrays.fill(profiled, 0);
        Arrays.fill(stale, true);
    }

    /**
     * About how many zone scores {@link #profileAfresh} would take to profile every bit as far as now (a
     * quarter of its zones a strength), plus a pass over the zones. Updating takes a score for each level
     * a moved zone's headroom crossed within its bit's profile, at {@link #UPDATE_WEIGHT} times the cost:
     * where guards move near many zones across many levels (a CT slice's first guard above its padding
     * comes near 9,000 of its 16,384 zones; MR2's later guards each cross some 60,000 to 140,000 zone
     * levels) profiling afresh is cheaper. Measured in one JVM, each build in its own class loader and in
     * both orders: MR2's robust mark 14.2 to 15.1 ms against 15.1 to 25.1 (updating, its time followed the
     * JIT's luck), a CT slice and a chest X-ray unchanged (an earlier measurement that favoured it on the CT
     * slice had it always first).
     */
    private long costOfProfilingAfresh() {
        long cost = layout.zoneCount();
        for (int bit = 0; bit < profiled.length; bit++) {
            cost += (long) profiled[bit] * layout.zonesOf(bit) / 4;
        }
        return cost;
    }

    /** Applies the headrooms noted for the slots in {@link #moved} (in slot order) and clears it. */
    private void updateMovedZones() {
        int bit = 0;
        for (int word = 0; word < moved.length; word++) {
            for (long rest = moved[word]; rest != 0; rest &= rest - 1) {
                int slot = word * 64 + Long.numberOfTrailingZeros(rest);
                while (slot >= layout.firstSlotOf(bit + 1)) {
                    bit++;
                }
                if (movedRoom[slot] != headroom[slot]) {
                    headroomChanged(slot, bit, movedRoom[slot]);
                }
            }
            moved[word] = 0;
        }
    }

    /** Notes whether the slot is tight with headroom {@code room}: 0 up to the largest shift (without a branch: near a guard, it changes at random). */
    private void noteTight(int slot, int room) {
        long isTight = (~room & (room - largestShift)) >>> 31;
        tight[slot >>> 6] = tight[slot >>> 6] & ~(1L << slot) | isTight << slot;
    }

    /**
     * Notes the zone's new headroom and updates its bit's profile where its shift starts or stops
     * fitting: over those strengths the zone's term goes from its unshifted score to its shifted ones or
     * back, which the rises take at the run's ends and where the shift steps up a level inside it. A
     * score at the limit in the bit's direction stays there at every larger shift, so the levels past it
     * change no rise inside the run.
     */
    private void headroomChanged(int slot, int bit, int room) {
        int old = headroom[slot];
        headroom[slot] = room;
        noteTight(slot, room);
        int known = profiled[bit];
        int at = STRIDE * slot;
        if (known == 0 || terms[at + 1] == 0) {
            // nothing profiled yet, or a term that no shift changes (a clipped zone's is 0 at every shift)
            return;
        }
        int sign = message.get(bit) ? 1 : -1;
        int n = layout.zonesOf(bit);
        int rank = slot - layout.firstSlotOf(bit);
        int base = bit * searched - first;
        double unshifted = terms[at + UNSHIFTED];
        // the shifts that start (or stop) fitting are the levels between the two headrooms; a zone has
        // level k at the run of strengths [4k - 4 + q, 4k - 1 + q], q the first quarter that boosts its rank
        int q = firstBoostingQuarter(rank, n);
        int step = parameters.step();
        int lastProfiled = first + known - 1;
        int lowest = Math.max(1, levelsIn(Math.min(old, room)) + 1);
        int highest = levelsIn(Math.max(old, room));
        int from = Math.max(first, 4 * lowest - 4 + q);
        int to = Math.min(lastProfiled, 4 * highest - 1 + q);
        if (from <= to) {
            double direction = room > old ? 1 : -1;
            double limit = sign * ZoneStatistics.SCORE_LIMIT;
            double before = unshifted;
            long carried = 0;
            for (int level = (from - q) / 4 + 1, steps = from; steps <= to; level++, steps = 4 * level - 4 + q) {
                double score = ZoneStatistics.scoreOf(terms, at, sign * level * step);
                rises[base + steps] += direction * (score - before);
                carried++;
                before = score;
                if (score == limit) {
                    break;
                }
            }
            if (to < lastProfiled) {
                rises[base + to + 1] += direction * (unshifted - before);
                carried++;
            } else {
                // the last profiled strength lies in the run, at the level of the last score
                lastScore[slot] = room > old ? before : unshifted;
            }
            carriedTerms[bit] += carried;
        }
        stale[bit] = true;
    }

    /**
     * Whole steps in {@code room} gray levels (0 for a negative room, which fits no shift). A zone near a
     * guard that moved has room or not at random: no branch on it.
     */
    private int levelsIn(int room) {
        int step = parameters.step();
        int fits = Math.max(0, room);
        return step == 1 ? fits : fits / step;
    }

    /**
     * The first quarter (1 to 3) whose boost reaches rank {@code rank} of {@code n} (see {@link
     * BitStrength#boostedRanks}), 4 if none does: one more than the quarters' first ranks that {@code
     * rank} reaches, counted without a branch (the zones near a guard that moved come at random ranks).
     */
    private static int firstBoostingQuarter(int rank, int n) {
        return 1 + ((n / 4 - 1 - rank) >>> 31) + ((2 * n / 4 - 1 - rank) >>> 31) + ((3 * n / 4 - 1 - rank) >>> 31);
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
        int[] boosted = boostedRanks(side.strengths());
        // per bit: its base shift and its boost, signed as the bit
        int[] signedBase = new int[boosted.length];
        int[] signedStep = new int[boosted.length];
        for (int bit = 0; bit < boosted.length; bit++) {
            signedStep[bit] = (message.get(bit) ? 1 : -1) * parameters.step();
            signedBase[bit] = signedStep[bit] * side.strengths()[bit].base();
        }
        int[] shifts = new int[layout.zoneCount()];
        for (int zone = 0; zone < shifts.length; zone++) {
            // a bit's zones lie anywhere, and whether a zone's rank is boosted, its bit 1 and its shift 0
            // change at random from zone to zone: worked out without a branch
            int bit = layout.bitOf(zone);
            int signed = signedBase[bit] + ((layout.rankOf(zone) - boosted[bit]) >>> 31) * signedStep[bit];
            shifts[zone] = zones.ifFits(zone, signed, side.guards());
        }
        return shifts;
    }

    /** Per bit, how many of its ranks {@code strengths} boost (see {@link BitStrength#boostedRanks}). */
    private int[] boostedRanks(BitStrength[] strengths) {
        int[] boosted = new int[strengths.length];
        for (int bit = 0; bit < strengths.length; bit++) {
            boosted[bit] = strengths[bit].boostedRanks(layout.zonesOf(bit));
        }
        return boosted;
    }

    /**
     * The smallest strength, in quarter steps, that gives the bit its margin over all its zones, or the
     * largest allowed when none does: read off the bit's profile, which is extended strength by strength
     * (a quarter of the zones changing shift at each) only as far as the search needs.
     */
    private BitStrength strengthFor(int bit) {
        int sign = message.get(bit) ? 1 : -1;
        int n = layout.zonesOf(bit);
        int base = bit * searched - first;
        double total = 0;
        for (int steps = first; steps < first + searched; steps++) {
            if (steps - first == profiled[bit]) {
                extendProfile(bit, steps, sign, n);
            }
            total += rises[base + steps];
            // every addition into the rises and of their running sum errs by at most an ulp of its result
            // (a rise is at most 6 n, a sum 3 n) and its term, as does each of a sum in zone order: twice
            // that bound is certainly clear
            double clear = 2.0 * (carriedTerms[bit] + searched + 2L * n + 2) * (6.0 * n + 24) * 0x1p-53;
            double ahead = sign * total - marginOfBit[bit];
            if (ahead > -clear && ahead <= clear) {
                ahead = sign * sumInZoneOrder(steps, sign, layout.zoneListOf(bit)) - marginOfBit[bit];
            }
            if (ahead >= 0) {
                reachesMargin[bit] = true;
                return BitStrength.ofQuarterSteps(steps);
            }
        }
        reachesMargin[bit] = false;
        return BitStrength.ofQuarterSteps(parameters.maxQuarterSteps());
    }

    /**
     * Profiles the bit at {@code steps}: its summed score (in rank order) at the first strength, else the
     * rise of the zones whose shift this step changes: the next quarter of ranks boosted, or (a new
     * base) the last quarter, each by one level. A zone whose score is at the limit in the bit's
     * direction at a shift that fits stays there, and its term does not change.
     */
    private void extendProfile(int bit, int steps, int sign, int n) {
        int base = bit * searched - first;
        int slots = layout.firstSlotOf(bit);
        if (steps == first) {
            double total = 0;
            for (int rank = 0; rank < n; rank++) {
                double score = scoreAt(slots + rank, sign * shiftAt(steps, rank, n));
                lastScore[slots + rank] = score;
                total += score;
            }
            rises[base + steps] = total;
            carriedTerms[bit] = 0;
        } else {
            int quarters = steps & 3;
            int fromRank = quarters == 0 ? 3 * n / 4 : (quarters - 1) * n / 4;
            int toRank = quarters == 0 ? n : quarters * n / 4;
            // every changed rank has the same new shift, one level above its last
            int shift = parameters.step() * ((steps >> 2) + (quarters == 0 ? 0 : 1));
            boolean wasShifted = shift > parameters.step();
            double limit = sign * ZoneStatistics.SCORE_LIMIT;
            double rise = 0;
            for (int slot = slots + fromRank; slot < slots + toRank; slot++) {
                if (shift <= headroom[slot] && wasShifted && lastScore[slot] == limit) {
                    continue;
                }
                double score = scoreAt(slot, sign * shift);
                rise += score - lastScore[slot];
                lastScore[slot] = score;
            }
            rises[base + steps] = rise;
            carriedTerms[bit] += toRank - fromRank;
        }
        profiled[bit]++;
    }

    /** The slot's zone's score shifted by {@code signedShift} if that fits its headroom, else unshifted; 0 when clipped. */
    private double scoreAt(int slot, int signedShift) {
        int shift = Math.abs(signedShift);
        int at = STRIDE * slot;
        return shift > 0 && shift <= headroom[slot] ? ZoneStatistics.scoreOf(terms, at, signedShift) : terms[at + UNSHIFTED];
    }

    /** The bit's summed score at {@code steps} quarter steps, in zone order (a clipped zone's 0 changes no sum). */
    private double sumInZoneOrder(int steps, int sign, int[] listed) {
        double total = 0;
        int n = listed.length;
        for (int zone : listed) {
            total += scoreAt(layout.slotOf(zone), sign * shiftAt(steps, layout.rankOf(zone), n));
        }
        return total;
    }

    /** The zones, in increasing order, that their bit's strength would shift but that do not fit, yet lie inside the guards. */
    private int[] ambiguousZones() {
        int[] boosted = boostedRanks(strengths);
        int count = 0;
        int bit = 0;
        for (int word = 0; word < tight.length; word++) {
            for (long rest = tight[word]; rest != 0; rest &= rest - 1) {
                int slot = word * 64 + Long.numberOfTrailingZeros(rest);
                while (slot >= layout.firstSlotOf(bit + 1)) {
                    bit++;
                }
                int rank = slot - layout.firstSlotOf(bit);
                int shift = parameters.step() * (strengths[bit].base() + (rank < boosted[bit] ? 1 : 0));
                if (shift > 0 && headroom[slot] >= 0 && headroom[slot] < shift) {
                    int zone = layout.zonesBySlot()[slot];
                    listed[zone >>> 6] |= 1L << zone;
                    count++;
                }
            }
        }
        int[] ambiguous = new int[count];
        for (int word = 0, i = 0; i < count; word++) {
            for (long rest = listed[word]; rest != 0; rest &= rest - 1) {
                ambiguous[i++] = word * 64 + Long.numberOfTrailingZeros(rest);
            }
            listed[word] = 0;
        }
        return ambiguous;
    }
}
