package org.cyberhealth.imaging.watermark.robust;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.core.BadInputException;

/**
 * What removing the mark needs besides the message: the strength chosen for every bit, and the zones
 * left unmarked to avoid overflow that the marked picture alone cannot tell apart from marked ones.
 * The guards, base strengths and the number of listed zones are coded with Elias gamma codes, which are
 * short for the small numbers they hold (a base of 0 or 1 costs one or three bits); the boosted quarter
 * takes two bits; the gaps between listed zones, spread evenly over many zones, take a Rice code.
 */
record SideInformation(BitStrength[] strengths, Guards guards, int[] ambiguousSkippedZones) {

    /** The coded form; the guards are coded as distances from the ends of {@code raster}'s range. */
    Bits encode(Raster raster, int zoneCount) {
        Bits out = new Bits();
        gamma(out, guards.low() - (long) raster.minValue() + 1);
        gamma(out, (long) raster.maxValue() - guards.high() + 1);
        for (BitStrength strength : strengths) {
            gamma(out, strength.base() + 1L);
            out.append(strength.boostedQuarters(), 2);
        }
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

    static SideInformation decode(Bits bits, int messageLength, int zoneCount, Raster raster) {
        int[] position = {0};
        long low = raster.minValue() + ungamma(bits, position, 1L << 33) - 1;
        long high = raster.maxValue() - (ungamma(bits, position, 1L << 33) - 1);
        if (low < raster.minValue() || high > raster.maxValue() || low > high) {
            throw invalid("guards outside the raster's range");
        }
        Guards guards = new Guards((int) low, (int) high);
        BitStrength[] strengths = new BitStrength[messageLength];
        for (int i = 0; i < messageLength; i++) {
            int base = (int) ungamma(bits, position, 1 << 20) - 1;
            if (position[0] + 2 > bits.length()) {
                throw invalid("truncated");
            }
            strengths[i] = new BitStrength(base, (int) bits.read(position[0], 2));
            position[0] += 2;
        }
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
