package org.cyberhealth.imaging.watermark;

import java.util.Arrays;
import java.util.BitSet;
import java.util.zip.CRC32;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.BitCursor;
import org.cyberhealth.core.bits.Bits;

/**
 * The small fixed-layout header of a crypto-watermark. It says where everything else is (block size,
 * slice length, bundle length, which blocks were left untouched) and whose key made it, and is written
 * into the least significant bits of a few reserved samples (see {@link HeaderSlots}), three times.
 * A CRC tells a real header from the random low bits of an unmarked image.
 */
record ContainerHeader(int version, int schemeId, boolean robust, int blockSize, int sliceLength, int bundleBits,
        byte[] keyId, BitSet skippedBlocks, int blockCount) {

    static final int MAGIC = 0xC4E1;
    /**
     * The version written: 5 marks the robust layer of an 8-bit range in 4x4-pixel units (robust.RobustParameters#forPeak);
     * 4 (still read) marked every range in 2x2-pixel units, and may name the zones the robust mark left unmarked by one flag for each zone
     * in doubt, where that is shorter (robust.SideInformation), as 5 does; 3 (still read) names them by number, and hashes the raster under the fragile layer once, block by block, for the tags and the
     * seal ({@link BlockDigests}), as 4 does; 2 (still read) hashed it twice, samples in as few bytes as
     * their range needs; 1 (still read) as 4-byte integers ({@link SampleBytes}). A reader finds no
     * header of a later version, as of an unmarked image.
     */
    static final int VERSION = 5;
    private static final int OLDEST_VERSION = 1;
    /** No header is longer: bounds what a reader of an unmarked or hostile image does. */
    static final int MAX_BITS = 4096;
    private static final int CRC_BITS = 16;

    Bits toBits() {
        Bits bits = new Bits(256);
        bits.append(MAGIC, 16).append(version, 4).append(schemeId, 4).append(robust);
        bits.append(blockSize, 16).append(sliceLength, 16).append(bundleBits, 24);
        bits.appendBytes(keyId);
        bits.append(!skippedBlocks.isEmpty());
        if (!skippedBlocks.isEmpty()) {
            writeRuns(bits, skippedBlocks, blockCount);
        }
        bits.append(crc(bits), CRC_BITS);
        if (bits.length() > MAX_BITS) {
            throw new BadInputException("the region of interest is too fragmented to record; use a simpler shape");
        }
        return bits;
    }

    /**
     * Parses a header from the low bits read at one slot; {@code blockCountFor} maps a block size to the
     * number of blocks of the raster. Returns null when the bits are not a valid header.
     */
    static ContainerHeader parse(Bits lowBits, java.util.function.IntUnaryOperator blockCountFor) {
        try {
            BitCursor in = new BitCursor(lowBits);
            if (in.readInt(16) != MAGIC) {
                return null;
            }
            int version = in.readInt(4);
            if (version < OLDEST_VERSION || version > VERSION) {
                return null;
            }
            int scheme = in.readInt(4);
            boolean robust = in.readBit();
            int blockSize = in.readInt(16);
            int slice = in.readInt(16);
            int bundle = in.readInt(24);
            byte[] keyId = in.readBytes(8);
            if (blockSize < 8) {
                return null;
            }
            int blocks = blockCountFor.applyAsInt(blockSize);
            BitSet skipped = in.readBit() ? readRuns(in, blocks) : new BitSet();
            int end = in.position();
            long crc = in.read(CRC_BITS);
            if (crc != crc(lowBits.slice(0, end))) {
                return null;
            }
            return new ContainerHeader(version, scheme, robust, blockSize, slice, bundle, keyId, skipped, blocks);
        } catch (BadInputException e) {
            return null;
        }
    }

    int bitLength() {
        return toBits().length();
    }

    /** Run lengths (plus one, Elias-gamma coded) of alternating untouched / skipped blocks, untouched first. */
    private static void writeRuns(Bits out, BitSet set, int count) {
        boolean value = false;
        int i = 0;
        while (i < count) {
            int next = value ? set.nextClearBit(i) : set.nextSetBit(i);
            int end = next < 0 || next > count ? count : next;
            BitCursor.writeGamma(out, end - i + 1);
            i = end;
            value = !value;
        }
    }

    private static BitSet readRuns(BitCursor in, int count) {
        BitSet set = new BitSet(count);
        boolean value = false;
        int i = 0;
        while (i < count) {
            int run = in.readGamma() - 1;
            if (run > count - i) {
                throw new BadInputException("corrupt block map");
            }
            if (value) {
                set.set(i, i + run);
            }
            i += run;
            value = !value;
        }
        return set;
    }

    private static long crc(Bits bits) {
        CRC32 crc = new CRC32();
        crc.update(bits.toBytes());
        crc.update(bits.length());
        return crc.getValue() & ((1L << CRC_BITS) - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerHeader && ((ContainerHeader) o).toBits().equals(toBits());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyId) * 31 + blockSize;
    }
}
