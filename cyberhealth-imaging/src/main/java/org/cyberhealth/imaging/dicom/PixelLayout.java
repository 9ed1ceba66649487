package org.cyberhealth.imaging.dicom;

import org.cyberhealth.core.BadInputException;

/** The Image Pixel module attributes (PS3.3 C.7.6.3) that say how Pixel Data is laid out. */
public final class PixelLayout {

    private final int rows;
    private final int columns;
    private final int frames;
    private final int samplesPerPixel;
    private final int bitsAllocated;
    private final int bitsStored;
    private final int highBit;
    private final boolean signed;
    private final int planarConfiguration;
    private final String photometricInterpretation;
    private final long pixelDataBytes;

    private PixelLayout(DicomDataset dataset) {
        rows = required(dataset, Tag.ROWS, "Rows");
        columns = required(dataset, Tag.COLUMNS, "Columns");
        Integer frameCount = dataset.getInt(Tag.NUMBER_OF_FRAMES);
        frames = frameCount == null ? 1 : frameCount;
        samplesPerPixel = required(dataset, Tag.SAMPLES_PER_PIXEL, "Samples per Pixel");
        bitsAllocated = required(dataset, Tag.BITS_ALLOCATED, "Bits Allocated");
        Integer stored = dataset.getInt(Tag.BITS_STORED);
        bitsStored = stored == null ? bitsAllocated : stored;
        Integer high = dataset.getInt(Tag.HIGH_BIT);
        highBit = high == null ? bitsStored - 1 : high;
        Integer representation = dataset.getInt(Tag.PIXEL_REPRESENTATION);
        signed = representation != null && representation == 1;
        Integer planar = dataset.getInt(Tag.PLANAR_CONFIGURATION);
        planarConfiguration = planar == null ? 0 : planar;
        String photometric = dataset.getString(Tag.PHOTOMETRIC_INTERPRETATION);
        photometricInterpretation = photometric == null ? "" : photometric;
        DicomElement pixelData = dataset.get(Tag.PIXEL_DATA);
        pixelDataBytes = pixelData == null ? 0 : pixelData.isEncapsulated() || pixelData.isSequence()
                ? -1 : pixelData.rawValue().length;
    }

    static PixelLayout of(DicomDataset dataset) {
        return new PixelLayout(dataset);
    }

    private static int required(DicomDataset dataset, int tag, String name) {
        Integer value = dataset.getInt(tag);
        if (value == null) {
            throw new BadInputException("DICOM: image attribute " + name + " " + Tag.toString(tag) + " is missing or not a number");
        }
        return value;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** Number of Frames, 1 when absent. */
    public int frames() {
        return frames;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bitsAllocated() {
        return bitsAllocated;
    }

    public int bitsStored() {
        return bitsStored;
    }

    public int highBit() {
        return highBit;
    }

    /** Pixel Representation 1: two's complement samples. */
    public boolean signed() {
        return signed;
    }

    public int pixelRepresentation() {
        return signed ? 1 : 0;
    }

    /** 0: samples of a pixel together (R,G,B,R,G,B...); 1: one plane per channel. */
    public int planarConfiguration() {
        return planarConfiguration;
    }

    public String photometricInterpretation() {
        return photometricInterpretation;
    }

    /** Bytes of native Pixel Data (including a padding byte), 0 when absent, -1 when encapsulated. */
    public long pixelDataBytes() {
        return pixelDataBytes;
    }

    /** Samples in all frames and channels. */
    public long sampleCount() {
        return (long) rows * columns * frames * samplesPerPixel;
    }

    /** Bytes the samples need: {@code sampleCount * bitsAllocated / 8}. */
    public long requiredBytes() {
        return sampleCount() * bitsAllocated / 8;
    }

    @Override
    public String toString() {
        return columns + "x" + rows + " x" + frames + " frames, " + samplesPerPixel + " samples/pixel, "
                + bitsStored + "/" + bitsAllocated + " bits" + (signed ? " signed" : "") + ", "
                + photometricInterpretation + (samplesPerPixel > 1 ? ", planar " + planarConfiguration : "");
    }
}
