package org.cyberhealth.imaging.dicom;

import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;

/**
 * Converts native Pixel Data (PS3.5 section 8) to and from a {@link Raster}: all frames and channels as
 * one grid, planes stacked in the order frame 0 channel 0, frame 0 channel 1, ..., samples masked to Bits
 * Stored and sign-extended when Pixel Representation is 1. Writing back keeps the bits of each sample
 * outside Bits Stored (overlay bits of old files), so that only the pixel values change.
 */
final class PixelCodec {

    private final PixelLayout layout;
    private final boolean bigEndian;
    private final boolean swappedBytes;
    private final int bytesPerSample;
    private final int mask;

    /** Checks that the layout is one the raster accessor supports, with one clear refusal otherwise. */
    PixelCodec(PixelLayout layout, DicomElement pixelData) {
        this.layout = layout;
        int allocated = layout.bitsAllocated();
        if (allocated != 8 && allocated != 16) {
            throw refuse("Bits Allocated " + allocated + " (the raster accessor supports 8 and 16)");
        }
        if (layout.bitsStored() < 1 || layout.bitsStored() > allocated) {
            throw refuse("Bits Stored " + layout.bitsStored() + " with Bits Allocated " + allocated);
        }
        if (layout.highBit() != layout.bitsStored() - 1) {
            throw refuse("High Bit " + layout.highBit() + " (expected Bits Stored - 1 = " + (layout.bitsStored() - 1) + ")");
        }
        if (layout.samplesPerPixel() != 1 && layout.samplesPerPixel() != 3) {
            throw refuse("Samples per Pixel " + layout.samplesPerPixel());
        }
        if (layout.samplesPerPixel() == 3 && layout.planarConfiguration() != 0 && layout.planarConfiguration() != 1) {
            throw refuse("Planar Configuration " + layout.planarConfiguration());
        }
        String photometric = layout.photometricInterpretation();
        if (photometric.endsWith("_422") || photometric.endsWith("_420")) {
            throw refuse("Photometric Interpretation " + photometric + " (subsampled chroma)");
        }
        if (layout.rows() <= 0 || layout.columns() <= 0 || layout.frames() <= 0) {
            throw refuse("image size " + layout.columns() + "x" + layout.rows() + " x" + layout.frames() + " frames");
        }
        if (layout.pixelDataBytes() < 0) {
            throw refuse("encapsulated Pixel Data");
        }
        if (layout.pixelDataBytes() < layout.requiredBytes()) {
            throw refuse("Pixel Data of " + layout.pixelDataBytes() + " bytes where " + layout + " needs "
                    + layout.requiredBytes());
        }
        this.bigEndian = pixelData.isBigEndian();
        if (bigEndian && allocated == 8 && pixelData.vr() == Vr.OW && layout.pixelDataBytes() % 2 != 0) {
            throw refuse("odd-length OW Pixel Data in a big endian file");
        }
        this.bytesPerSample = allocated / 8;
        // 8-bit samples in an OW value of a big endian file are stored as swapped byte pairs (PS3.5 8.1.1).
        this.swappedBytes = bigEndian && bytesPerSample == 1 && pixelData.vr() == Vr.OW;
        this.mask = (1 << layout.bitsStored()) - 1;
    }

    private static BadInputException refuse(String what) {
        return new BadInputException("DICOM: cannot access pixels: unsupported " + what);
    }

    /** The raster of {@code pixelData}. */
    Raster read(byte[] pixelData) {
        int count = (int) layout.sampleCount();
        int[] samples = new int[count];
        int signBit = layout.signed() ? 1 << (layout.bitsStored() - 1) : 0;
        for (int stored = 0; stored < count; stored++) {
            int value = word(pixelData, stored) & mask;
            samples[rasterIndex(stored)] = signBit != 0 && (value & signBit) != 0 ? value - (mask + 1) : value;
        }
        return wrap(samples);
    }

    /** A copy of {@code pixelData} with the samples of {@code raster}; bits outside Bits Stored kept. */
    byte[] write(byte[] pixelData, Raster raster) {
        int min = Raster.minOf(layout.bitsStored(), layout.signed());
        int max = Raster.maxOf(layout.bitsStored(), layout.signed());
        int height = Math.toIntExact((long) layout.rows() * layout.frames() * layout.samplesPerPixel());
        if (raster.width() != layout.columns() || raster.height() != height) {
            throw new BadInputException("DICOM: raster is " + raster.width() + "x" + raster.height() + " but the image needs "
                    + layout.columns() + "x" + height);
        }
        int[] samples = raster.samples();
        byte[] result = pixelData.clone();
        int count = samples.length;
        for (int stored = 0; stored < count; stored++) {
            int value = samples[rasterIndex(stored)];
            if (value < min || value > max) {
                throw new BadInputException("DICOM: raster sample " + value + " is outside " + min + ".." + max
                        + " (Bits Stored " + layout.bitsStored() + ")");
            }
            setWord(result, stored, (word(pixelData, stored) & ~mask) | (value & mask));
        }
        return result;
    }

    Raster wrap(int[] samples) {
        int height = (int) (samples.length / layout.columns());
        return Raster.wrap(layout.columns(), height, samples, Raster.minOf(layout.bitsStored(), layout.signed()),
                Raster.maxOf(layout.bitsStored(), layout.signed()));
    }

    /**
     * Where the sample stored at {@code stored} goes in the raster. Planar configuration 1 already stores
     * frame by frame and channel by channel; configuration 0 interleaves the channels of each pixel.
     */
    private int rasterIndex(int stored) {
        int channels = layout.samplesPerPixel();
        if (channels == 1 || layout.planarConfiguration() == 1) {
            return stored;
        }
        int pixel = stored / channels;
        int channel = stored - pixel * channels;
        int pixelsPerFrame = layout.rows() * layout.columns();
        int frame = pixel / pixelsPerFrame;
        int inFrame = pixel - frame * pixelsPerFrame;
        return (frame * channels + channel) * pixelsPerFrame + inFrame;
    }

    private int word(byte[] data, int index) {
        if (bytesPerSample == 1) {
            return data[swappedBytes ? index ^ 1 : index] & 0xFF;
        }
        int at = index << 1;
        int first = data[at] & 0xFF;
        int second = data[at + 1] & 0xFF;
        return bigEndian ? (first << 8) | second : (second << 8) | first;
    }

    private void setWord(byte[] data, int index, int word) {
        if (bytesPerSample == 1) {
            data[swappedBytes ? index ^ 1 : index] = (byte) word;
            return;
        }
        int at = index << 1;
        data[at] = (byte) (bigEndian ? word >>> 8 : word);
        data[at + 1] = (byte) (bigEndian ? word : word >>> 8);
    }
}
