package org.cyberhealth.imaging.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.NpyHeader;
import org.cyberhealth.imaging.Raster;

/**
 * A 2-D gray or 3-D RGB (last axis 3) array read from a NumPy {@code .npy} file, format versions 1.0,
 * 2.0 and 3.0, C or Fortran order (the openjph CT slices are stored in Fortran order), either byte order, dtypes u1, i1, u2, i2, u4, i4, f4 and f8. Integer arrays
 * convert to a raster with the dtype's range; any array converts by rounding into a range the caller
 * chooses (for instance CT in Hounsfield units as signed 16 bit).
 *
 * <p>The header is checked against the file's size before any data is read, so a hostile header can
 * neither claim more memory than the file holds nor more than {@link #MAX_SAMPLES}.
 */
public final class NpyArray {

    /** Larger arrays are refused, to bound memory. */
    public static final long MAX_SAMPLES = 1L << 26;


    private final NpyHeader header;
    private final ByteBuffer data;
    private final int width;
    private final int rows;
    private final int channels;
    private final String what;

    private NpyArray(NpyHeader header, ByteBuffer data, int width, int rows, int channels, String what) {
        this.header = header;
        this.data = data.order(header.order());
        this.width = width;
        this.rows = rows;
        this.channels = channels;
        this.what = what;
    }

    public static NpyArray read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, size, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static NpyArray read(byte[] bytes, String what) {
        try {
            return read(new ByteArrayInputStream(bytes), bytes.length, what);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NpyArray read(InputStream in, long size, String what) throws IOException {
        NpyHeader header = NpyHeader.read(in, size, what);
        long[] shape = header.shape();
        boolean rgb = shape.length == 3 && shape[2] == 3;
        if (shape.length != 2 && !rgb) {
            throw new BadInputException(what + ": array has " + shape.length
                    + " dimensions; expected 2 (gray) or 3 with a last axis of 3 (RGB)");
        }
        if (shape[0] <= 0 || shape[1] <= 0) {
            throw new BadInputException(what + ": array is empty");
        }
        long samples = shape[0] * shape[1] * (rgb ? 3 : 1);
        if (shape[0] > MAX_SAMPLES || shape[1] > MAX_SAMPLES || samples > MAX_SAMPLES) {
            throw new BadInputException(what + ": array of " + shape[0] + "x" + shape[1]
                    + " exceeds the limit of " + MAX_SAMPLES + " samples");
        }
        long dataLength = samples * header.itemSize();
        long remaining = size - header.byteLength();
        if (dataLength != remaining) {
            throw new BadInputException(what + ": header promises " + dataLength + " data bytes, the file holds " + remaining);
        }
        byte[] data = NpyHeader.readExactly(in, (int) dataLength, remaining, what);
        return new NpyArray(header, ByteBuffer.wrap(data), (int) shape[1], (int) shape[0], rgb ? 3 : 1, what);
    }

    public int width() {
        return width;
    }

    public int rows() {
        return rows;
    }

    public int channels() {
        return channels;
    }

    /** The NumPy type without byte order, e.g. {@code "u2"} or {@code "f8"}. */
    public String dtype() {
        return "" + header.kind() + header.itemSize();
    }

    public boolean isInteger() {
        return header.kind() != 'f';
    }

    /**
     * The samples of an integer array in a raster whose range is the dtype's (u4 is limited to
     * {@code 0..Integer.MAX_VALUE}, which the raster's int samples can hold).
     */
    public PlainImage toImage() {
        if (!isInteger()) {
            throw new BadInputException(what + " holds floating-point " + dtype()
                    + " values; choose a range to round them into");
        }
        int bits = header.itemSize() * 8;
        boolean signed = header.kind() == 'i';
        int min = signed ? (bits == 32 ? Integer.MIN_VALUE : Raster.minOf(bits, true)) : 0;
        int max = bits == 32 ? Integer.MAX_VALUE : Raster.maxOf(bits, signed);
        return toImage(min, max);
    }

    /**
     * The samples rounded to the nearest integer (ties to even, as NumPy rounds) in {@code [min, max]}.
     *
     * @throws BadInputException on a NaN, an infinity or a value outside the range, naming the first one
     */
    public PlainImage toImage(int min, int max) {
        int[] samples = new int[width * rows * channels];
        int planeSize = width * rows;
        for (int i = 0; i < samples.length; i++) {
            double value = valueAt(storageIndex(i));
            double rounded = Math.rint(value);
            if (Double.isNaN(value) || rounded < min || rounded > max) {
                int pixel = i / channels;
                throw new BadInputException(what + ": value " + value + " at row " + pixel / width + ", column "
                        + pixel % width + " is not a number in " + min + ".." + max);
            }
            samples[(i % channels) * planeSize + i / channels] = (int) rounded;
        }
        int bitDepth = isInteger() ? header.itemSize() * 8 : bitDepthHolding(min, max);
        return new PlainImage(Raster.wrap(width, rows * channels, samples, min, max), channels, bitDepth);
    }

    private static int bitDepthHolding(int min, int max) {
        long span = (long) max - min;
        return span < 1 << 8 ? 8 : span < 1 << 16 ? 16 : 32;
    }

    /** Where the element at C-order position {@code index} (row, column, channel) is stored. */
    private int storageIndex(int index) {
        if (!header.fortranOrder()) {
            return index;
        }
        int channel = index % channels;
        int pixel = index / channels;
        return pixel / width + rows * (pixel % width + width * channel);
    }

    private double valueAt(int index) {
        int at = index * header.itemSize();
        return switch (dtype()) {
            case "u1" -> data.get(at) & 0xFF;
            case "i1" -> data.get(at);
            case "u2" -> data.getShort(at) & 0xFFFF;
            case "i2" -> data.getShort(at);
            case "u4" -> data.getInt(at) & 0xFFFFFFFFL;
            case "i4" -> data.getInt(at);
            case "f4" -> data.getFloat(at);
            case "f8" -> data.getDouble(at);
            default -> throw new IllegalStateException(dtype());
        };
    }
}
