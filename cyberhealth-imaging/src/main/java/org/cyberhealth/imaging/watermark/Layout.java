package org.cyberhealth.imaging.watermark;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * Where the parts of a crypto-watermark go in one raster: the block grid, the blocks left untouched
 * because they meet the region of interest, and the samples reserved for the header copies. Marking
 * and verifying build the same layout from the same facts (geometry, block size, untouched blocks).
 */
final class Layout {

    final BlockGrid grid;
    final BitSet untouchedBlocks;
    final BitSet untouchedSamples;
    private final int width;
    private final List<Integer> slots = new ArrayList<>();
    private final BitSet reserved = new BitSet();
    /** The blocks that hold reserved samples: only their regions need to exclude them. */
    private final BitSet blocksWithReserved = new BitSet();
    private int headerLength;

    private Layout(Raster raster, BlockGrid grid, BitSet untouchedBlocks) {
        this.grid = grid;
        this.untouchedBlocks = untouchedBlocks;
        this.width = raster.width();
        this.untouchedSamples = new BitSet(raster.size());
        untouchedBlocks.stream().forEach(b -> {
            for (int y = grid.y(b); y < grid.y(b) + grid.height(b); y++) {
                untouchedSamples.set(y * width + grid.x(b), y * width + grid.x(b) + grid.width(b));
            }
        });
    }

    /** Blocks meeting any sample of {@code roi} are left untouched. */
    static Layout forMarking(Raster raster, int blockSize, BitSet roi) {
        BlockGrid grid = new BlockGrid(raster.width(), raster.height(), blockSize);
        BitSet blocks = new BitSet(grid.count());
        roi.stream().forEach(i -> blocks.set(grid.blockAt(i % raster.width(), i / raster.width())));
        return new Layout(raster, grid, blocks);
    }

    static Layout forVerifying(Raster raster, ContainerHeader header) {
        Layout layout = new Layout(raster, new BlockGrid(raster.width(), raster.height(), header.blockSize()), header.skippedBlocks());
        int headerBits = header.bitLength();
        layout.reserve(HeaderSlots.choose(raster, headerBits, layout.untouchedSamples), headerBits);
        return layout;
    }

    ContainerHeader header(int schemeId, boolean robust, int slice, int bundleBits, byte[] keyId) {
        return new ContainerHeader(ContainerHeader.VERSION, schemeId, robust, grid.blockSize(), slice, bundleBits, keyId, untouchedBlocks, grid.count());
    }

    void reserve(List<Integer> starts, int length) {
        slots.clear();
        slots.addAll(starts);
        headerLength = length;
        reserved.clear();
        blocksWithReserved.clear();
        for (int start : starts) {
            reserved.set(start, start + length);
            for (int i = start; i < start + length; i++) {
                blocksWithReserved.set(grid.blockAt(i % width, i / width));
            }
        }
    }

    /** The part of {@code region} outside the untouched blocks. */
    Region changeable(Region region) {
        return region.excluding(untouchedSamples);
    }

    /**
     * The block's samples less the reserved ones. Most blocks hold none, and their regions then protect
     * nothing: the reversible scheme handles such a block as a whole instead of asking about every sample.
     */
    Region blockRegion(Raster raster, int block) {
        Region rectangle = Region.rectangle(raster, grid.x(block), grid.y(block), grid.width(block), grid.height(block));
        return blocksWithReserved.get(block) ? rectangle.excluding(reserved) : rectangle;
    }

    /** Whether the block holds samples reserved for the header. */
    boolean holdsReserved(int block) {
        return blocksWithReserved.get(block);
    }

    /** Whether the sample at row-major index {@code index} is reserved for the header. */
    boolean isReserved(int index) {
        return reserved.get(index);
    }

    /** The values of the reserved samples, slot after slot. */
    int[] reservedValues(Raster raster) {
        int[] values = new int[slots.size() * headerLength];
        int n = 0;
        for (int start : slots) {
            for (int i = start; i < start + headerLength; i++) {
                values[n++] = raster.samples()[i];
            }
        }
        return values;
    }

    /**
     * The blocks holding a reserved sample whose least significant bit is not the header's: container
     * version 3 leaves those bits out of the blocks' digests, so a change to a header copy is located
     * here instead.
     */
    BitSet blocksWithChangedHeader(Raster raster, Bits header) {
        BitSet changed = new BitSet();
        int[] s = raster.samples();
        for (int start : slots) {
            for (int i = 0; i < headerLength; i++) {
                if ((s[start + i] & 1) != (i < header.length() ? header.bit(i) : 0)) {
                    changed.set(grid.blockAt((start + i) % width, (start + i) / width));
                }
            }
        }
        return changed;
    }

    int[] embeddableBlocks() {
        return IntStream.range(0, grid.count()).filter(b -> !untouchedBlocks.get(b)).toArray();
    }

    IntStream untouchedBlocks() {
        return untouchedBlocks.stream();
    }

    Bits readHeaderLowBits(Raster raster) {
        Bits bits = new Bits(slots.size() * headerLength);
        for (int start : slots) {
            bits.append(HeaderSlots.readLowBits(raster, start, headerLength));
        }
        return bits;
    }

    void writeHeader(Raster raster, Bits header) {
        for (int start : slots) {
            HeaderSlots.writeLowBits(raster, start, header);
        }
    }

    void restoreHeaderLowBits(Raster raster, Bits original) {
        for (int i = 0; i < slots.size() && (i + 1) * headerLength <= original.length(); i++) {
            HeaderSlots.writeLowBits(raster, slots.get(i), original.slice(i * headerLength, (i + 1) * headerLength));
        }
    }
}
