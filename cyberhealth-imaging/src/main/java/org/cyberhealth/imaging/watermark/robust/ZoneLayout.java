package org.cyberhealth.imaging.watermark.robust;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;

/**
 * Where each message bit lives: the raster is tiled into square zones of {@code zoneUnits x zoneUnits}
 * units of {@code unit x unit} pixels, aligned with the raster's top-left corner (so that zones of a side
 * dividing 8 never straddle the 8x8 blocks of a JPEG encoder). A key-driven permutation spreads the
 * zones of one bit over the whole picture, and inside each zone the key picks which half of the units
 * form subset A (the rest form B): with 2x2 units, one of the two diagonal pairs.
 *
 * <p>The layout depends only on the key, the raster's width and height and the message length, so a
 * reader can rebuild it from a suspect copy whose sample range differs from the marked one.
 */
final class ZoneLayout {

    private final int width;
    private final int height;
    private final int messageLength;
    private final int zoneSide;
    private final int zonesAcross;
    private final int zoneCount;
    private final int[] bitOfZone;
    private final int[] rankOfZone;
    private final int[] zonesOfBit;
    /** For each bit, its zones in increasing order. */
    private final int[][] zoneListOfBit;
    /** The zones bit after bit, each bit's by rank (see {@link #slotOf}), and each bit's first place there. */
    private final int[] zoneOfSlot;
    private final int[] slotOfZone;
    private final int[] firstSlotOfBit;
    /** For each pixel of a zone, in visiting order (unit after unit, row-major inside each): offsets and unit. */
    private final int[] pixelDx;
    private final int[] pixelDy;
    private final int[] pixelUnit;
    /**
     * For each zone, the units (0 .. zoneUnits^2 - 1, row-major inside the zone) in subset A, as bits of
     * {@code words} longs a zone: statistics, marking and removal ask for them for every zone of a
     * picture (65536 on a 1024x1024 one), and a zone of up to 64 units reads one long where rows of
     * booleans were one read a unit.
     */
    private final long[] subsetA;
    private final int words;
    private final int unitsPerZone;

    /**
     * The last layout built. A study's slices share one size and one key, and marking, verifying and
     * restoring each rebuilt the same key-driven shuffle; it is kept by the seed the key gives, not by the key.
     */
    private static volatile ZoneLayout last;

    private final long seed;
    private final int unit;
    private final int zoneUnits;

    /** The layout for {@code key}: the last one built when it is the same. */
    static ZoneLayout of(byte[] key, int width, int height, int messageLength, int unit, int zoneUnits) {
        long seed = seed(key, width, height, messageLength);
        ZoneLayout cached = last;
        if (cached != null && cached.seed == seed && cached.width == width && cached.height == height
                && cached.messageLength == messageLength && cached.unit == unit && cached.zoneUnits == zoneUnits) {
            return cached;
        }
        ZoneLayout built = new ZoneLayout(seed, width, height, messageLength, unit, zoneUnits);
        last = built;
        return built;
    }

    private ZoneLayout(long seed, int width, int height, int messageLength, int unit, int zoneUnits) {
        this.seed = seed;
        this.unit = unit;
        this.zoneUnits = zoneUnits;
        this.width = width;
        this.height = height;
        this.messageLength = messageLength;
        this.zoneSide = unit * zoneUnits;
        this.zonesAcross = width / zoneSide;
        this.zoneCount = zonesAcross * (height / zoneSide);
        if (messageLength <= 0 || messageLength > zoneCount) {
            // A capacity problem (and so a BadInputException), which the container reports as such.
            throw new CapacityExceededException("a " + width + "x" + height + " picture is too small for a robust mark of "
                    + messageLength + " bits: it needs " + messageLength + " zones of " + zoneSide + "x" + zoneSide
                    + " pixels and has " + zoneCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[zoneCount];
        for (int i = 0; i < zoneCount; i++) {
            order[i] = i;
        }
        for (int i = zoneCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        bitOfZone = new int[zoneCount];
        rankOfZone = new int[zoneCount];
        zonesOfBit = new int[messageLength];
        for (int position = 0; position < zoneCount; position++) {
            bitOfZone[order[position]] = position % messageLength;
            rankOfZone[order[position]] = position / messageLength;
            zonesOfBit[position % messageLength]++;
        }
        zoneListOfBit = new int[messageLength][];
        int[] listed = new int[messageLength];
        for (int bit = 0; bit < messageLength; bit++) {
            zoneListOfBit[bit] = new int[zonesOfBit[bit]];
        }
        for (int zone = 0; zone < zoneCount; zone++) {
            zoneListOfBit[bitOfZone[zone]][listed[bitOfZone[zone]]++] = zone;
        }
        firstSlotOfBit = new int[messageLength + 1];
        for (int bit = 0; bit < messageLength; bit++) {
            firstSlotOfBit[bit + 1] = firstSlotOfBit[bit] + zonesOfBit[bit];
        }
        zoneOfSlot = new int[zoneCount];
        slotOfZone = new int[zoneCount];
        for (int zone = 0; zone < zoneCount; zone++) {
            slotOfZone[zone] = firstSlotOfBit[bitOfZone[zone]] + rankOfZone[zone];
            zoneOfSlot[slotOfZone[zone]] = zone;
        }
        int units = zoneUnits * zoneUnits;
        pixelDx = new int[zoneSide * zoneSide];
        pixelDy = new int[zoneSide * zoneSide];
        pixelUnit = new int[zoneSide * zoneSide];
        int pixel = 0;
        for (int unitIndex = 0; unitIndex < units; unitIndex++) {
            for (int dy = 0; dy < unit; dy++) {
                for (int dx = 0; dx < unit; dx++) {
                    pixelDx[pixel] = unitIndex % zoneUnits * unit + dx;
                    pixelDy[pixel] = unitIndex / zoneUnits * unit + dy;
                    pixelUnit[pixel++] = unitIndex;
                }
            }
        }
        unitsPerZone = units;
        words = (units + 63) / 64;
        subsetA = new long[zoneCount * words];
        for (int zone = 0; zone < zoneCount; zone++) {
            if (zoneUnits == 2) {
                // One diagonal pair against the other: a linear gradient across the zone adds as much to
                // A as to B, so smooth shading does not disturb the difference.
                boolean main = random.nextBoolean();
                subsetA[zone] = main ? 1L << 0 | 1L << 3 : 1L << 1 | 1L << 2;
                continue;
            }
            for (int chosen = 0; chosen < units / 2; ) {
                int candidate = random.nextInt(units);
                if (!inSubsetA(zone, candidate)) {
                    subsetA[zone * words + (candidate >>> 6)] |= 1L << candidate;
                    chosen++;
                }
            }
        }
    }

    private static long seed(byte[] key, int width, int height, int messageLength) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("cyberhealth robust mark layout v1".getBytes(StandardCharsets.US_ASCII));
            sha.update(key);
            sha.update((width + "x" + height + "/" + messageLength).getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest();
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = seed << 8 | (digest[i] & 0xFF);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    int zoneCount() {
        return zoneCount;
    }

    int bitOf(int zone) {
        return bitOfZone[zone];
    }

    /** The zone's place (0, 1, ...) among the zones of its bit, in the key's order. */
    int rankOf(int zone) {
        return rankOfZone[zone];
    }

    int zonesOf(int bit) {
        return zonesOfBit[bit];
    }

    /**
     * The zone's slot: its place when the zones are listed bit after bit, each bit's by rank. The embedder
     * keeps what it weighs of each zone by slot, so that a strength step, which changes the shift of a run
     * of a bit's ranks, reads consecutive memory rather than zones spread over the picture.
     */
    int slotOf(int zone) {
        return slotOfZone[zone];
    }

    /** The zones by slot (see {@link #slotOf}); the caller must not change the array. */
    int[] zonesBySlot() {
        return zoneOfSlot;
    }

    /** The first slot of {@code bit}'s zones (see {@link #slotOf}); {@code bit} may be the message length, for the end. */
    int firstSlotOf(int bit) {
        return firstSlotOfBit[bit];
    }

    int unitsPerZone() {
        return unitsPerZone;
    }

    boolean inSubsetA(int zone, int unitIndex) {
        return (subsetA[zone * words + (unitIndex >>> 6)] >>> unitIndex & 1) != 0;
    }

    /**
     * The units of subset A in {@code zone}, of a layout of at most 64 units a zone (see
     * {@link #unitsPerZone}): bit {@code u} is set when unit {@code u} is in it.
     */
    long subsetA(int zone) {
        if (words != 1) {
            throw new IllegalStateException(unitsPerZone + " units a zone do not fit a mask");
        }
        return subsetA[zone];
    }

    /** The zones of {@code bit}, in increasing order; the caller must not change the array. */
    int[] zoneListOf(int bit) {
        return zoneListOfBit[bit];
    }

    /** Whether zones are 4x4 pixels made of four 2x2 units, the layout of every default mark of a range wider than 8 bits. */
    boolean fourUnitsOfTwo() {
        return unit == 2 && zoneUnits == 2;
    }

    /** Whether zones are 8x8 pixels made of four 4x4 units, the layout of every default mark of an 8-bit range. */
    boolean fourUnitsOfFour() {
        return unit == 4 && zoneUnits == 2;
    }

    /** The side of a unit, in pixels. */
    int unitSide() {
        return unit;
    }

    /** The side of a zone, in pixels. */
    int zoneSide() {
        return zoneSide;
    }

    int pixelsPerZone() {
        return pixelUnit.length;
    }

    /** Column of the zone's left edge. */
    int leftOf(int zone) {
        return zone % zonesAcross * zoneSide;
    }

    /** Row of the zone's top edge. */
    int topOf(int zone) {
        return zone / zonesAcross * zoneSide;
    }

    /**
     * Column of the {@code pixel}-th pixel of a zone, from the zone's left edge; pixels are numbered unit
     * after unit, row-major inside each unit, the order in which the zone's statistics add them up.
     */
    int dxOf(int pixel) {
        return pixelDx[pixel];
    }

    /** Row of the {@code pixel}-th pixel of a zone (see {@link #dxOf}), from the zone's top edge. */
    int dyOf(int pixel) {
        return pixelDy[pixel];
    }

    /** The unit (row-major in the zone) of the zone's {@code pixel}-th pixel (see {@link #dxOf}). */
    int unitOf(int pixel) {
        return pixelUnit[pixel];
    }

    /** Visits every pixel of a zone in the order of {@link #dxOf}, telling which unit it is in. */
    void forEachPixel(int zone, PixelVisitor visitor) {
        for (int pixel = 0; pixel < pixelUnit.length; pixel++) {
            visitor.visit(leftOf(zone) + pixelDx[pixel], topOf(zone) + pixelDy[pixel], pixelUnit[pixel]);
        }
    }

    @FunctionalInterface
    interface PixelVisitor {
        void visit(int x, int y, int unitIndex);
    }
}
