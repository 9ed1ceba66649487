package org.cyberhealth.imaging.watermark.robust;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.core.BadInputException;

/**
 * What removing the mark needs besides the message: the strength chosen for every bit, and the zones
 * left unmarked to avoid overflow that the marked picture alone cannot tell apart from marked ones.
 * The guards and base strengths are coded with Elias gamma codes, which are short for the small numbers
 * they hold (a base of 0 or 1 costs one or three bits); the boosted quarter takes two bits. The zones
 * left unmarked are then named in one of two codings: from container version 4, after a bit saying
 * which, the shorter where more than {@link #FEW_LISTED} are listed, else by number; up to version 3,
 * always by number:
 * <ul>
 *   <li>by number: their count (gamma), then the gaps between them (Rice), about eight bits a zone on
 *       a 1024x1024 picture; planning compares plans by this length, as the flags need the marked
 *       picture;</li>
 *   <li>by flags: one bit for each zone in doubt ({@link RobustMark}), which both sides find in the
 *       marked picture once they know the guards and strengths. Every zone left unmarked for lack of
 *       room is one, and so is a marked zone that its shift took as close to a guard. Shorter where
 *       most zones in doubt were left unmarked: MR2, whose gray levels run on from its dark
 *       background, leaves many zones just above its low guard.</li>
 * </ul>
 */
record SideInformation(BitStrength[] strengths, Guards guards, int[] ambiguousSkippedZones) {

    /** The zones in doubt under some guards and strengths, in increasing order; both sides compute them from the marked picture. */
    @FunctionalInterface
    interface ZonesInDoubt {
        int[] of(Guards guards, BitStrength[] strengths);
    }

    /**
     * So many listed zones or fewer are numbered without looking for the zones in doubt: that pass over the
     * marked picture cost a CT slice's robust mark about a tenth, and flags saved it 15 to 60 bits of some
     * 400 (a hundredth of the seal's payload, which carries them twice); MR2's 330 to 990 listed zones take
     * a third to a quarter of the bits by flags.
     */
    private static final int FEW_LISTED = 16;

    /**
     * The shorter coding, after a bit saying which: by flags (1) or by number (0). {@code inDoubt} gives
     * the zones in doubt under these guards and strengths, in increasing order, which must hold every
     * zone listed here; it is not asked where {@link #FEW_LISTED} or fewer are listed.
     */
    Bits encode(Raster raster, int zoneCount, java.util.function.Supplier<int[]> inDoubt) {
        Bits numbering = encodeNumbering(raster, zoneCount);
        Bits flagging = ambiguousSkippedZones.length <= FEW_LISTED ? null : encodeFlagging(raster, inDoubt.get());
        boolean flags = flagging != null && flagging.length() < numbering.length();
        Bits chosen = flags ? flagging : numbering;
        return new Bits(1 + chosen.length()).append(flags).append(chosen);
    }

    /** Reads {@link #encode}; {@code inDoubt} finds the zones in doubt in the marked picture. */
    static SideInformation decode(Bits bits, int messageLength, int zoneCount, Raster raster, ZonesInDoubt inDoubt) {
        if (bits.length() == 0) {
            throw invalid("empty");
        }
        Bits coded = bits.slice(1, bits.length());
        return bits.get(0) ? decodeFlagging(coded, messageLength, raster, inDoubt) : decodeNumbering(coded, messageLength, zoneCount, raster);
    }

    /**
     * The coding by flags: a bit for each of {@code inDoubt} (the zones in doubt under these guards and
     * strengths, in increasing order, which must hold every zone listed here), set where it is listed.
     */
    private Bits encodeFlagging(Raster raster, int[] inDoubt) {
        Bits out = head(raster);
        int listed = 0;
        for (int zone : inDoubt) {
            boolean skipped = listed < ambiguousSkippedZones.length && ambiguousSkippedZones[listed] == zone;
            out.append(skipped);
            listed += skipped ? 1 : 0;
        }
        if (listed != ambiguousSkippedZones.length) {
            throw new IllegalStateException("a zone left unmarked is not in doubt in the marked picture");
        }
        return out;
    }

    /** The coding by number; the guards are coded as distances from the ends of {@code raster}'s range. */
    Bits encodeNumbering(Raster raster, int zoneCount) {
        Bits out = head(raster);
        gamma(out, ambiguousSkippedZones.length + 1L);
        int riceBits = riceBits(zoneCount, ambiguousSkippedZones.length);
        int previous = -1;
        for (int zone : ambiguousSkippedZones) {
            int gap = zone - previous - 1;
            for (int run = gap >> riceBits; run > 0; run--) {
                out.append(false);
            }
            out.append(true);
            out.append(gap & ((1 << riceBits) - 1), riceBits);
            previous = zone;
        }
        return out;
    }

    /** The guards, as distances from the ends of {@code raster}'s range, and the strengths. */
    private Bits head(Raster raster) {
        Bits out = new Bits();
        gamma(out, guards.low() - (long) raster.minValue() + 1);
        gamma(out, (long) raster.maxValue() - guards.high() + 1);
        for (BitStrength strength : strengths) {
            gamma(out, strength.base() + 1L);
            out.append(strength.boostedQuarters(), 2);
        }
        return out;
    }

    /** Reads {@link #encodeFlagging}; {@code inDoubt} finds the zones in doubt in the marked picture. */
    private static SideInformation decodeFlagging(Bits bits, int messageLength, Raster raster, ZonesInDoubt inDoubt) {
        int[] position = {0};
        Guards guards = readGuards(bits, position, raster);
        BitStrength[] strengths = readStrengths(bits, position, messageLength);
        int[] candidates = inDoubt.of(guards, strengths);
        if (bits.length() - position[0] != candidates.length) {
            throw invalid(candidates.length + " zones in doubt, " + (bits.length() - position[0]) + " flags");
        }
        int[] listed = new int[candidates.length];
        int count = 0;
        for (int zone : candidates) {
            listed[count] = zone;
            count += bits.get(position[0]++) ? 1 : 0;
        }
        return new SideInformation(strengths, guards, java.util.Arrays.copyOf(listed, count));
    }

    /** Reads {@link #encodeNumbering}. */
    static SideInformation decodeNumbering(Bits bits, int messageLength, int zoneCount, Raster raster) {
        int[] position = {0};
        Guards guards = readGuards(bits, position, raster);
        BitStrength[] strengths = readStrengths(bits, position, messageLength);
        int count = (int) ungamma(bits, position, zoneCount + 1L) - 1;
        int riceBits = riceBits(zoneCount, count);
        List<Integer> zones = new ArrayList<>();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            long quotient = 0;
            while (position[0] < bits.length() && !bits.get(position[0])) {
                position[0]++;
                if (++quotient << riceBits >= zoneCount) {
                    throw invalid("zone index beyond the raster");
                }
            }
            if (position[0] + 1 + riceBits > bits.length()) {
                throw invalid("truncated");
            }
            long gap = quotient << riceBits | bits.read(position[0] + 1, riceBits);
            position[0] += 1 + riceBits;
            previous += (int) Math.min(zoneCount, gap + 1);
            if (previous >= zoneCount) {
                throw invalid("zone index beyond the raster");
            }
            zones.add(previous);
        }
        if (position[0] != bits.length()) {
            throw invalid((bits.length() - position[0]) + " bits left over");
        }
        return new SideInformation(strengths, guards, zones.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Guards readGuards(Bits bits, int[] position, Raster raster) {
        long low = raster.minValue() + ungamma(bits, position, 1L << 33) - 1;
        long high = raster.maxValue() - (ungamma(bits, position, 1L << 33) - 1);
        if (low < raster.minValue() || high > raster.maxValue() || low > high) {
            throw invalid("guards outside the raster's range");
        }
        return new Guards((int) low, (int) high);
    }

    private static BitStrength[] readStrengths(Bits bits, int[] position, int messageLength) {
        BitStrength[] strengths = new BitStrength[messageLength];
        for (int i = 0; i < messageLength; i++) {
            int base = (int) ungamma(bits, position, 1 << 20) - 1;
            if (position[0] + 2 > bits.length()) {
                throw invalid("truncated");
            }
            strengths[i] = new BitStrength(base, (int) bits.read(position[0], 2));
            position[0] += 2;
        }
        return strengths;
    }

    /**
     * Low bits of the Rice code of the gaps between listed zones: about the logarithm of the mean gap,
     * which both sides know from the zone count and the number listed, so it is not stored.
     */
    private static int riceBits(int zoneCount, int listed) {
        return Math.max(0, 31 - Integer.numberOfLeadingZeros(Math.max(1, zoneCount / (listed + 1))));
    }

    private static void gamma(Bits out, long value) {
        int length = 64 - Long.numberOfLeadingZeros(value);
        out.append(0, length - 1);
        out.append(value, length);
    }

    private static long ungamma(Bits bits, int[] position, long limit) {
        int zeros = 0;
        while (position[0] < bits.length() && !bits.get(position[0])) {
            zeros++;
            position[0]++;
            if (zeros > 40) {
                throw invalid("code too long");
            }
        }
        if (position[0] + zeros + 1 > bits.length()) {
            throw invalid("truncated");
        }
        long value = bits.read(position[0], zeros + 1);
        position[0] += zeros + 1;
        if (value > limit) {
            throw invalid("value " + value + " out of range");
        }
        return value;
    }

    private static BadInputException invalid(String problem) {
        return new BadInputException("robust mark side information is invalid: " + problem);
    }
}
