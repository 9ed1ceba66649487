package org.cyberhealth.imaging.watermark;

/**
 * Cuts a raster into square blocks of a given size for tamper localisation. The last row and column
 * of blocks absorb the remainder (they are between one and two blocks wide), so no block is tiny.
 */
final class BlockGrid {

    private final int width;
    private final int height;
    private final int blockSize;
    private final int columns;
    private final int rows;

    BlockGrid(int width, int height, int blockSize) {
        this.width = width;
        this.height = height;
        this.blockSize = blockSize;
        this.columns = Math.max(1, width / blockSize);
        this.rows = Math.max(1, height / blockSize);
    }

    int blockSize() {
        return blockSize;
    }

    int count() {
        return columns * rows;
    }

    int x(int block) {
        return block % columns * blockSize;
    }

    int y(int block) {
        return block / columns * blockSize;
    }

    int width(int block) {
        return block % columns == columns - 1 ? width - x(block) : blockSize;
    }

    int height(int block) {
        return block / columns == rows - 1 ? height - y(block) : blockSize;
    }

    /** The block that holds raster sample ({@code px}, {@code py}). */
    int blockAt(int px, int py) {
        int c = Math.min(columns - 1, px / blockSize);
        int r = Math.min(rows - 1, py / blockSize);
        return r * columns + c;
    }

    TamperedRegion asRegion(int block) {
        return new TamperedRegion(x(block), y(block), width(block), height(block));
    }
}
