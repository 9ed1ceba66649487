package org.cyberhealth.imaging.watermark.robust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * A lossless watermark that carries a short code (the recipient's identifier) robustly: it survives
 * lossy JPEG re-encoding, additive noise and gray-level windowing to 8 bits, and is read blindly (no
 * original, no side information), while whoever holds the message and the side information can remove
 * it and restore the original exactly.
 *
 * <p>The scheme follows the patchwork construction of De Vleeschouwer, Delaigle and Macq, "Circular
 * interpretation of bijective transformations in lossless watermarking for media asset management",
 * IEEE Trans. Multimedia 5(1):97-105, 2003: the picture is cut into zones, each zone is split by the key
 * into two subsets A and B, a bit is carried by moving the two subsets' gray levels in opposite
 * directions, and the reader compares the two subsets. It departs from the paper in these ways, each
 * chosen by measurement ({@code RobustnessBench} and a probe over eight CT slices):
 * <ul>
 *   <li>Zones are four units, and A is one diagonal pair of units, B the other (the key picks which),
 *       so a smooth gradient adds as much to A as to B. The key spreads each bit's zones over the whole
 *       picture: 256 zones per bit on a 512x512 CT. On ranges wider than 8 bits the units are 2x2 pixels
 *       (4x4 zones). Small zones beat larger ones on CT, where the picture's own differences between
 *       neighbouring 4- or 8-pixel blocks (organ edges) are far larger than its noise, and where a
 *       soft-tissue window clips most zones: at the same strength, 8x8 zones lost up to 2 bits of 64
 *       after a soft-tissue window and JPEG 75 and up to 4 after W2000 and JPEG 75, 16x16 zones more; 4x4
 *       zones lost none and 2. On 8-bit pictures the units are 4x4 pixels (8x8 zones, since container
 *       version 5): half a JPEG block a side, the mark is then the lowest frequencies of the block, which
 *       JPEG quantises least (see {@link RobustParameters#forPeak}).</li>
 *   <li>The reader scores each zone by the difference of its subsets' means over the zone's natural
 *       noise (its texture inside the units, half its two gradient differences, which the mark leaves
 *       alone, and the picture's median of these), limited to 3, and sums the scores of each bit.
 *       Dividing by the noise weights quiet zones above edges (the optimal detector weighs by the
 *       inverse of the natural spread); the limit keeps one edge from outvoting a bit's other zones;
 *       and the scores are ratios, so an 8-bit window of a 12-bit picture scores as the original
 *       does. Zones with more than 2 of their 16 samples at an end of the suspect's range were clipped
 *       by a window and are left out.</li>
 *   <li>Instead of the paper's circular (modulo) shift, which turns samples near the ends of the range
 *       into salt-and-pepper noise, a zone is marked only if its shifted samples stay inside two
 *       guard levels; a zone with a sample outside them was certainly left unmarked, and the few
 *       unmarked zones that removal cannot recognise so are listed in the side information. The
 *       embedder considers guards 0, 1, 2, ..., 16, 32, 64, ... levels from each end and keeps, among
 *       those that let the most bits reach their margin (see below), the one with the shortest side
 *       information. (Shortness alone chose, on the dark MR slice MR2, guards above all its data: 7 of
 *       65536 zones were marked, and 25 to 43 of 64 bits read wrong without any attack.) It plans only
 *       a few of them ({@link GuardShortlist}): those that the shifts of the guards at the very ends
 *       say leave the fewest zones ambiguous; on the 14 benchmark images with 8 keys each that gave the
 *       side information planning every candidate gave, and with 3 other keys on 8 of them but once
 *       (Man: 759 bits instead of 734).</li>
 *   <li>Every zone is shifted by at least a minimum strength, counted in display levels (see
 *       {@link RobustParameters#forPeak}): 2.5 levels of a window a tenth of the range wide, 4 HU, on a
 *       12-bit CT, because a narrow window clips most zones and each zone left must carry the mark on
 *       its own. On top of it the embedding is informed: for every bit the smallest strength (in
 *       quarter steps: a base shift for all the bit's zones, one level more for the first quarters of
 *       them) is chosen that brings the bit's summed score to the margin, counting the picture's own
 *       differences; the strengths go into the side information, a few bits per message bit.</li>
 * </ul>
 * Restoration is exact because every marked zone was shifted by a known amount without clipping.
 *
 * <p>Measured (64-bit codes, 3 keys). CT, 8 slices (5 abdominal slices stored as HU + 1024, 3 DICOM
 * slices with -2000 padding), strength for a 12-bit range: RMS change 4.0 HU (60.2 dB against 4095;
 * the previous 8x8-zone design changed 12-17 HU); bit errors over the 24 runs (worst run, total): plain
 * 8-bit windows W400, W1000, W2000, bone L440 HU W1500 and the whole range 0, 0; W400 + JPEG 75 0, 0;
 * W400 + JPEG 50 0, 0; W2000 + JPEG 75 2, 6; bone + JPEG 75 2, 4; whole range + JPEG 75 17, 154 (the
 * mark is a quarter of a gray level there, and JPEG rounds it away). 8-bit (Airplane, Baboon, two chest
 * X-rays), 4x4 zones: 47.1 to 51.4 dB, 0 errors after JPEG 75 and noise of sigma 4 and 8, up to 6 after
 * JPEG 50 (the 8x8-zone design had none); side information 195 to 310 bits, 614 to 682 on the chest
 * X-rays, whose black border leaves some 40 zones that only the side information can tell unmarked.
 * Over 6 keys on the five classic images and both chest X-rays, 4x4 zones lost 4 bits in all to JPEG 75
 * (Airplane, Crowd) and 79 to JPEG 50; 8x8 zones of 4x4-pixel units lose none to either, for 0.2 to 1.8
 * dB (Man 50.58 to 48.81 dB, Crowd 51.05 to 49.55), and 10 instead of 1 to noise of sigma 8 (7 of them
 * on Airplane). CT side
 * information: 451 bits. MR2 (1024x1024, data 0..600 of a 12-bit range, a noisy dark background), 3 keys:
 * with the strength for its data's 10 bits, as the product marks it, 0 errors unattacked and after the
 * whole-range window to 8 bits, 62.9 to 63.0 dB, side information 7981 to 8122 bits by zone number
 * (some 990 zones just above the low guard listed, as MR gray levels run on from the background); with
 * the strength for 12 bits, 0 and 0, 61.5 to 61.8 dB, 3726 to 3912 bits. Since container version 4 the
 * listed zones may be named by a flag for each zone in doubt instead ({@link SideInformation}): MR2's
 * side information, as the product marks it, 1110 to 1904 bits with 3 other keys (3588 to 8108 by number).
 *
 * <p>Where a window makes the mark a fraction of a gray level (W2000 on a CT: half a level; the data's
 * whole span: a quarter to half), JPEG rounds much of it away in flat blocks. Since 25 November 2026 a
 * range of 12 bits or more is therefore planned for a copy that kept 0.4 of the shifts ({@link
 * RobustParameters#survival}), and a CT spanning 11 bits is marked as a 12-bit one ({@link
 * RobustParameters#markedRangeBits}): over 16 keys on the five abdominal slices and CT_small, W400,
 * W2000 and the data's min-max window, alone and followed by JPEG 75, read without error (W2000 + JPEG
 * 75 lost up to 12 bits before), for about 5 dB (56.3 to 61.0 dB against 4095). The whole 12-bit stored
 * range (16 HU a gray level) followed by JPEG 75 still turns up to 16 bits of 64 on a slice that is two
 * thirds air; {@link LeakRehearsal} marks so that it turns none.
 */
public final class RobustMark implements RobustWatermark {

    private final byte[] key;
    private final RobustParameters parameters;

    /** A mark for {@code key} (32 bytes) with the given parameters. */
    public RobustMark(byte[] key, RobustParameters parameters) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the robust mark key has " + key.length + " bytes, not 32");
        }
        this.key = key.clone();
        this.parameters = parameters;
    }

    /** A mark for {@code key} with the default parameters for {@code raster}'s range. */
    public static RobustMark forRaster(byte[] key, Raster raster) {
        return new RobustMark(key, RobustParameters.forPeak(raster.peak()));
    }

    public RobustParameters parameters() {
        return parameters;
    }

    @Override
    public String name() {
        return "informed-block-patchwork";
    }

    @Override
    public int messageBits() {
        return parameters.messageBits();
    }

    /**
     * Marks {@code region} of {@code raster} in place with {@code message} and returns the side
     * information that {@link #remove} needs. Samples outside the region, or protected in it, are
     * never changed.
     */
    @Override
    public Bits embed(Raster raster, Region region, Bits message) {
        double[] asPlanned = new double[message.length()];
        Arrays.fill(asPlanned, 1);
        return embed(raster, region, message, asPlanned, null).sideInformation();
    }

    /** What {@link #embed(Raster, Region, Bits, double[], Guards)} did: the side information, and the guards it marked within. */
    record Marked(Bits sideInformation, Guards guards) {}

    /**
     * {@link #embed(Raster, Region, Bits)} with each bit's margin multiplied by its {@code marginScale}, within
     * {@code guards}, or within the guards the plan search picks where {@code guards} is null. {@link
     * LeakRehearsal} keeps the guards of its first plan when it raises margins: the search ranks guards by
     * the bits they leave short of their margins first, and margins raised beyond reach would have it pick
     * guards far inside the range, whose ambiguous zones made the side information ten times as long.
     */
    Marked embed(Raster raster, Region region, Bits message, double[] marginScale, Guards guards) {
        ZoneLayout layout = layout(raster, message.length());
        ZoneStatistics zones = ZoneStatistics.of(raster, region, layout);
        InformedEmbedding embedding = new InformedEmbedding(parameters, layout, zones, message, marginScale);
        BestPlan plans = new BestPlan(embedding, raster, layout.zoneCount());
        if (guards == null) {
            searchGuards(plans, raster, layout, zones);
        } else {
            plans.consider(guards);
        }
        SideInformation best = plans.best;
        int[] shifts = embedding.shifts(best);
        int[] offsets = pixelOffsets(layout, raster.width());
        for (int zone = 0; zone < shifts.length; zone++) {
            if (shifts[zone] != 0) {
                shift(raster, region, layout, offsets, zone, shifts[zone]);
            }
        }
        // a marked zone's extremes moved by at most its shift: one whose headroom was twice the largest
        // shift is not in doubt (most zones, looked up in the statistics already gathered)
        long largestShift = (long) parameters.step() * (parameters.maxQuarterSteps() / 4 + 1);
        Bits side = best.encode(raster, layout.zoneCount(), () -> zonesInDoubt(roomsInMarked(raster, region, layout, best.strengths(), best.guards(),
                zone -> zones.headroom(zone, best.guards(), Integer.MAX_VALUE) < 2 * largestShift), layout, best.strengths()));
        return new Marked(side, best.guards());
    }

    /** Plans the guard candidates worth planning into {@code plans}, which then holds the best. */
    private void searchGuards(BestPlan plans, Raster raster, ZoneLayout layout, ZoneStatistics zones) {
        // The guards at the ends of the range are planned first; their strengths tell which zones each
        // candidate guard would leave ambiguous, and only the candidates that leave the fewest are planned:
        // of all, then of those up to FINE_GUARD_DISTANCES in that list at most twice as many zones (and
        // 16) as the best plan, whose side information can still come shorter through the strengths (a
        // CT slice's guard just above its padding beat those far inside that also leave the air unmarked,
        // for as few ambiguous zones: 422 bits against 544 to 556 with 3 keys of 8).
        plans.consider(new Guards(raster.minValue(), raster.maxValue()));
        int quarter = raster.peak() / 4;
        GuardShortlist shortlist = new GuardShortlist(parameters, layout, zones, plans.best.strengths(), raster.minValue(), raster.maxValue(), quarter);
        for (int reach : new int[] {quarter, Math.min(quarter, FINE_GUARD_DISTANCES)}) {
            plans.considerInTurn(shortlist.ranked(guardCandidates(raster.minValue(), reach, 1), 1, plans.worthPlanning(reach, quarter)),
                    raster.minValue(), 1, low -> new Guards(low, raster.maxValue()));
        }
        int low = plans.best.guards().low();
        for (int reach : new int[] {quarter, Math.min(quarter, FINE_GUARD_DISTANCES)}) {
            plans.considerInTurn(shortlist.ranked(guardCandidates(raster.maxValue(), reach, -1), -1, plans.worthPlanning(reach, quarter)),
                    raster.maxValue(), -1, high -> new Guards(low, high));
        }
    }

    /** The side information {@code sideInformation} codes in {@code coding}, for {@code marked} (not changed). */
    SideInformation decoded(Raster marked, Region region, int messageLength, Bits sideInformation, SideCoding coding) {
        ZoneLayout layout = layout(marked, messageLength);
        RoomsInMarked rooms = new RoomsInMarked(marked, region, layout);
        return decoded(marked, layout, messageLength, sideInformation, coding,
                (guards, strengths) -> zonesInDoubt(rooms.under(guards, strengths), layout, strengths));
    }

    private static SideInformation decoded(Raster marked, ZoneLayout layout, int messageLength, Bits sideInformation, SideCoding coding,
            SideInformation.ZonesInDoubt inDoubt) {
        return coding == SideCoding.NUMBERS
                ? SideInformation.decodeNumbering(sideInformation, messageLength, layout.zoneCount(), marked)
                : SideInformation.decode(sideInformation, messageLength, layout.zoneCount(), marked, inDoubt);
    }

    /** How many zones {@code raster} holds for a message of {@code messageLength} bits. */
    int zoneCount(Raster raster, int messageLength) {
        return layout(raster, messageLength).zoneCount();
    }

    /**
     * Per zone, its headroom in {@code marked} under {@code guards}: the least distance from a guard of its
     * changeable samples, negative where one lies outside them (such a zone was never marked). Only for
     * the zones whose strength shifts them and that {@code looked} accepts; the others, and zones without
     * a changeable sample, get {@link Integer#MAX_VALUE}.
     */
    private int[] roomsInMarked(Raster marked, Region region, ZoneLayout layout, BitStrength[] strengths, Guards guards,
            java.util.function.IntPredicate looked) {
        int[] offsets = pixelOffsets(layout, marked.width());
        int[] samples = marked.samples();
        int side = layout.zoneSide();
        int[] rooms = new int[layout.zoneCount()];
        for (int zone = 0; zone < rooms.length; zone++) {
            rooms[zone] = Integer.MAX_VALUE;
            if (!looked.test(zone) || shiftOf(parameters, layout, zone, strengths[layout.bitOf(zone)]) == 0) {
                continue;
            }
            int left = layout.leftOf(zone);
            int top = layout.topOf(zone);
            boolean whole = region.mayChangeAll(left, top, side, side);
            int low = Integer.MAX_VALUE;
            int high = Integer.MIN_VALUE;
            for (int pixel = 0; pixel < offsets.length; pixel++) {
                if (whole || region.mayChange(left + layout.dxOf(pixel), top + layout.dyOf(pixel))) {
                    int value = samples[top * marked.width() + left + offsets[pixel]];
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
            if (low <= high) {
                rooms[zone] = (int) Math.max(-1, Math.min((long) low - guards.low(), (long) guards.high() - high));
            }
        }
        return rooms;
    }

    /**
     * {@link #roomsInMarked} of one marked picture, kept for the guards and strengths last asked (removal
     * asks for the side information's twice: to read its flags, then to leave zones alone).
     */
    private final class RoomsInMarked {
        private final Raster marked;
        private final Region region;
        private final ZoneLayout layout;
        private Guards guards;
        private BitStrength[] strengths;
        private int[] rooms;

        RoomsInMarked(Raster marked, Region region, ZoneLayout layout) {
            this.marked = marked;
            this.region = region;
            this.layout = layout;
        }

        int[] under(Guards guards, BitStrength[] strengths) {
            if (rooms == null || !guards.equals(this.guards) || !Arrays.equals(strengths, this.strengths)) {
                rooms = roomsInMarked(marked, region, layout, strengths, guards, zone -> true);
                this.guards = guards;
                this.strengths = strengths;
            }
            return rooms;
        }
    }

    /**
     * The zones in doubt, in increasing order, given their {@link #roomsInMarked}: those whose headroom in
     * the marked picture is less than their shift, yet not negative. Every zone left unmarked for lack of
     * room is one (its samples are as they were), and so is a marked zone whose shift took it that close
     * to a guard; the side information flags which were left unmarked where that is shorter.
     */
    private int[] zonesInDoubt(int[] rooms, ZoneLayout layout, BitStrength[] strengths) {
        int[] found = new int[rooms.length];
        int count = 0;
        for (int zone = 0; zone < rooms.length; zone++) {
            int room = rooms[zone];
            if (room >= 0 && room < shiftOf(parameters, layout, zone, strengths[layout.bitOf(zone)])) {
                found[count++] = zone;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Restores, in place, the raster {@link #embed} marked with {@code message}, bit for bit, given the
     * side information it returned.
     *
     * @throws org.cyberhealth.core.BadInputException if the side information is malformed
     */
    @Override
    public void remove(Raster marked, Region region, Bits message, Bits sideInformation) {
        remove(marked, region, message, sideInformation, SideCoding.NUMBERS_OR_FLAGS);
    }

    /** How side information names the zones left unmarked (see {@link SideInformation}). */
    public enum SideCoding {
        /** By number or by one flag for each zone in doubt, after a bit saying which, as {@link #embed} writes (containers from version 4). */
        NUMBERS_OR_FLAGS,
        /** By number (containers up to version 3). */
        NUMBERS
    }

    /** {@link #remove(Raster, Region, Bits, Bits)} of side information in {@code coding}. */
    public void remove(Raster marked, Region region, Bits message, Bits sideInformation, SideCoding coding) {
        ZoneLayout layout = layout(marked, message.length());
        // every shifted zone's headroom in the marked picture, found once: flags name the zones in doubt
        // among them, and a zone with a sample outside the guards was never marked
        RoomsInMarked roomsInMarked = new RoomsInMarked(marked, region, layout);
        SideInformation side = decoded(marked, layout, message.length(), sideInformation, coding,
                (guards, strengths) -> zonesInDoubt(roomsInMarked.under(guards, strengths), layout, strengths));
        int[] rooms = roomsInMarked.under(side.guards(), side.strengths());
        boolean[] listedAsSkipped = new boolean[layout.zoneCount()];
        for (int zone : side.ambiguousSkippedZones()) {
            listedAsSkipped[zone] = true;
        }
        int[] offsets = pixelOffsets(layout, marked.width());
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            int bit = layout.bitOf(zone);
            int shift = shiftOf(parameters, layout, zone, side.strengths()[bit]);
            if (shift != 0 && !listedAsSkipped[zone] && rooms[zone] >= 0) {
                shift(marked, region, layout, offsets, zone, message.get(bit) ? -shift : shift);
            }
        }
    }

    /**
     * The best of the plans considered: the fewest bits left short of their margin, then the shortest side
     * information. Shortness alone would pick guards above all the data of a dark picture (an MR slice
     * whose data fill the lowest seventh of a 12-bit range), which list no zone because they mark none.
     */
    private static final class BestPlan {
        private final InformedEmbedding embedding;
        private final Raster raster;
        private final int zoneCount;
        private SideInformation best;
        private int bestShort = Integer.MAX_VALUE;
        private int bestBits = Integer.MAX_VALUE;
        /** How many bits each guards planned so far left short of their margin. */
        private final java.util.Map<Guards, Integer> shortOf = new java.util.HashMap<>();

        BestPlan(InformedEmbedding embedding, Raster raster, int zoneCount) {
            this.embedding = embedding;
            this.raster = raster;
            this.zoneCount = zoneCount;
        }

        /**
         * Plans guards of {@code candidates} (levels {@code direction * (candidate - end)} in from
         * {@code end}, ranked by {@link GuardShortlist}) until {@link #SHORTLISTED_GUARDS} of them leave no
         * more bits short of their margin than the best: a guard that leaves few zones ambiguous may be
         * one that marks few zones at all. A tighter guard only takes headroom from zones, and a zone's
         * score only grows with its shift towards its bit, so once a guard leaves more bits short than
         * the best, the guards further in are not planned; so each round plans the best ranked of those
         * left nearest the end first (which also keeps the zones that move between two plans few). The
         * guard at the end itself is planned already.
         */
        void considerInTurn(List<Integer> candidates, int end, int direction, java.util.function.IntFunction<Guards> guardsOf) {
            List<Long> left = new ArrayList<>();
            for (int candidate : candidates) {
                long distance = (long) direction * (candidate - end);
                if (distance != 0) {
                    left.add(distance);
                }
            }
            int fit = 0;
            while (fit < SHORTLISTED_GUARDS && !left.isEmpty()) {
                List<Long> round = new ArrayList<>(left.subList(0, Math.min(SHORTLISTED_GUARDS - fit, left.size())));
                left.removeAll(round);
                round.sort(null);
                for (long distance : round) {
                    if (consider(guardsOf.apply((int) (end + direction * distance)))) {
                        fit++;
                    } else {
                        left.removeIf(further -> further >= distance);
                        break;
                    }
                }
            }
        }

        /** How many ambiguous zones a candidate of a scan up to {@code reach} (of {@code quarter}) may leave to be planned. */
        long worthPlanning(int reach, int quarter) {
            return reach == quarter ? Long.MAX_VALUE : 2L * best.ambiguousSkippedZones().length + 16;
        }

        /**
         * Plans with {@code guards} (unless planned already) and keeps the plan if it is the best so far;
         * whether it leaves no more bits short than the best.
         */
        boolean consider(Guards guards) {
            Integer known = shortOf.get(guards);
            if (known != null) {
                return known <= bestShort;
            }
            SideInformation side = embedding.plan(guards);
            int shortBits = embedding.bitsShortOfMargin();
            shortOf.put(guards, shortBits);
            if (shortBits > bestShort) {
                return false;
            }
            int bits = side.encodeNumbering(raster, zoneCount).length();
            if (shortBits < bestShort || bits < bestBits) {
                best = side;
                bestShort = shortBits;
                bestBits = bits;
            }
            return true;
        }
    }

    /** How many guard candidates of each end that leave no bit short are planned, those {@link GuardShortlist} ranks best. */
    private static final int SHORTLISTED_GUARDS = 2;

    /** Guards this close to an end are all tried: the zones stuck just inside an end vary level by level. */
    private static final int FINE_GUARD_DISTANCES = 16;

    /**
     * Guard levels to try, from {@code end} of the range inwards by 0, 1, 2, ..., 16, 32, 64, ... up to
     * {@code reach} (a quarter of the range): a guard just above a crowded end level (CT air, a black
     * background) keeps the zones that the marked picture alone cannot classify, and so the side
     * information, few.
     */
    private static List<Integer> guardCandidates(int end, int reach, int direction) {
        List<Integer> candidates = new ArrayList<>();
        for (long distance = 0; distance <= reach; distance = distance < FINE_GUARD_DISTANCES ? distance + 1 : 2 * distance) {
            candidates.add((int) (end + direction * distance));
        }
        return candidates;
    }

    /**
     * Reads the soft values of the mark's bits from {@code suspect}, which may have been
     * re-encoded, noised or windowed to another range but keeps the marked picture's width and height.
     */
    @Override
    public RobustReading read(Raster suspect) {
        int messageLength = parameters.messageBits();
        ZoneLayout layout = layout(suspect, messageLength);
        ZoneStatistics zones = ZoneStatistics.of(suspect, Region.whole(suspect), layout);
        double floor = zones.typicalNoise();
        double[] sums = new double[messageLength];
        int[] counts = new int[messageLength];
        double squares = 0;
        int used = 0;
        for (int zone = 0; zone < layout.zoneCount(); zone++) {
            if (zones.clipped(zone)) {
                continue;
            }
            double score = zones.scoreAfter(zone, 0, floor);
            sums[layout.bitOf(zone)] += score;
            counts[layout.bitOf(zone)]++;
            squares += score * score;
            used++;
        }
        return RobustReading.ofZoneSums(sums, counts, used == 0 ? 0 : squares / used);
    }

    /** The layout for {@code raster} (shared with the last mark of the same key and size, as key-driven shuffles cost). */
    private ZoneLayout layout(Raster raster, int messageLength) {
        if (messageLength != parameters.messageBits()) {
            throw new IllegalArgumentException("message of " + messageLength + " bits; this mark carries " + parameters.messageBits());
        }
        return ZoneLayout.of(key, raster.width(), raster.height(), messageLength, parameters.unit(), parameters.zoneUnits());
    }

    /** The number of gray levels {@code strength} shifts {@code zone} by. */
    static int shiftOf(RobustParameters parameters, ZoneLayout layout, int zone, BitStrength strength) {
        return parameters.step() * strength.shiftOf(layout.rankOf(zone), layout.zonesOf(layout.bitOf(zone)));
    }

    /** Each pixel's offset from its zone's corner in the sample array of a raster {@code width} wide. */
    private static int[] pixelOffsets(ZoneLayout layout, int width) {
        int[] offsets = new int[layout.pixelsPerZone()];
        for (int pixel = 0; pixel < offsets.length; pixel++) {
            offsets[pixel] = layout.dyOf(pixel) * width + layout.dxOf(pixel);
        }
        return offsets;
    }

    /**
     * Shifts the zone of four {@code unit x unit} units at {@code corner} (of a raster {@code width} wide):
     * its top left and bottom right units by {@code up}, the others by {@code -up}.
     */
    private static void shiftFourUnits(int[] samples, int corner, int width, int unit, int up) {
        for (int row = 0; row < 2 * unit; row++) {
            int at = corner + row * width;
            int left = row < unit ? up : -up;
            for (int dx = 0; dx < unit; dx++) {
                samples[at + dx] += left;
                samples[at + unit + dx] -= left;
            }
        }
    }

    /** Shifts the zone by {@code amount}: subset A up, B down. */
    private static void shift(Raster raster, Region region, ZoneLayout layout, int[] offsets, int zone, int amount) {
        int left = layout.leftOf(zone);
        int top = layout.topOf(zone);
        int[] samples = raster.samples();
        int corner = top * raster.width() + left;
        // which units are in subset A, looked up once a zone rather than once a pixel (restoring a
        // 1024x1024 picture shifts a million samples)
        long subsetA = layout.subsetA(zone);
        if (region.mayChangeAll(left, top, layout.zoneSide(), layout.zoneSide())) {
            if (layout.unitsPerZone() == 4) {
                // subset A is units 0 and 3 (top left, bottom right) or 1 and 2
                shiftFourUnits(samples, corner, raster.width(), layout.unitSide(), (subsetA & 1) != 0 ? amount : -amount);
                return;
            }
            for (int pixel = 0; pixel < offsets.length; pixel++) {
                samples[corner + offsets[pixel]] += amount * (2 * (int) (subsetA >>> layout.unitOf(pixel) & 1) - 1);
            }
            return;
        }
        for (int pixel = 0; pixel < offsets.length; pixel++) {
            if (region.mayChange(left + layout.dxOf(pixel), top + layout.dyOf(pixel))) {
                samples[corner + offsets[pixel]] += amount * (2 * (int) (subsetA >>> layout.unitOf(pixel) & 1) - 1);
            }
        }
    }
}
