package org.cyberhealth.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.cyberhealth.core.BadInputException;

/**
 * The data set of a Deflated Explicit VR Little Endian file (PS3.5 A.5): a raw deflate stream (RFC 1951,
 * no zlib header) after the file meta group, padded to even length.
 *
 * <p>Reproduction: writing an unchanged data set emits the original compressed bytes. Writing a changed
 * one (new pixel values) compresses with the zlib level and strategy that reproduce the original stream
 * byte for byte, found by trying levels 0..9 with the default, filtered and Huffman-only strategies; when
 * none does (another compressor wrote it), level 6 with the default strategy, zlib's default, is used.
 */
final class DeflatedDataset {

    /** Inflation stops here: a larger data set (or a deflate bomb) is refused rather than exhausting memory. */
    static final int MAX_INFLATED_BYTES = 256 << 20;

    private static final int[] STRATEGIES = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};
    private static final int DEFAULT_LEVEL = 6;

    private final byte[] compressed;
    private final byte[] trailing;
    private final byte[] inflated;
    private int[] reproducingSettings;
    private boolean settingsSearched;

    private DeflatedDataset(byte[] compressed, byte[] trailing, byte[] inflated) {
        this.compressed = compressed;
        this.trailing = trailing;
        this.inflated = inflated;
    }

    /** Inflates {@code file[start..]}; bytes after the end of the deflate stream are kept as trailing padding. */
    static DeflatedDataset inflate(byte[] file, int start) {
        return inflate(file, start, MAX_INFLATED_BYTES);
    }

    static DeflatedDataset inflate(byte[] file, int start, int maxInflatedBytes) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(file, start, file.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(1 << 24, Math.max(64L, (file.length - start) * 4L)));
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int count = inflater.inflate(chunk);
                if (count == 0 && !inflater.finished()) {
                    throw new BadInputException("DICOM: deflated data set is "
                            + (inflater.needsInput() ? "truncated" : "corrupt") + " at offset "
                            + (start + inflater.getBytesRead()));
                }
                if ((long) out.size() + count > maxInflatedBytes) {
                    throw new BadInputException("DICOM: deflated data set inflates to more than "
                            + maxInflatedBytes + " bytes (at offset " + (start + inflater.getBytesRead()) + ")");
                }
                out.write(chunk, 0, count);
            }
            int streamEnd = file.length - inflater.getRemaining();
            return new DeflatedDataset(Arrays.copyOfRange(file, start, streamEnd),
                    Arrays.copyOfRange(file, streamEnd, file.length), out.toByteArray());
        } catch (DataFormatException e) {
            throw new BadInputException("DICOM: deflated data set is corrupt after offset "
                    + (start + inflater.getBytesRead()) + ": " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    byte[] inflated() {
        return inflated;
    }

    /** The deflated encoding of {@code dataset}: the original bytes when unchanged, else recompressed. */
    byte[] deflate(byte[] dataset) {
        if (Arrays.equals(dataset, inflated)) {
            return concat(compressed, trailing);
        }
        int[] settings = reproducingSettings();
        byte[] stream = compress(dataset, settings == null ? DEFAULT_LEVEL : settings[0],
                settings == null ? Deflater.DEFAULT_STRATEGY : settings[1]);
        if (hasGzipTrailer()) {
            // Some writers (pydicom's test file among them) follow the raw stream with a gzip trailer;
            // writing a fresh one keeps the file's shape, so restoring the data restores the bytes.
            stream = concat(stream, gzipTrailer(dataset));
        }
        // Padded to even length as the standard asks. An original of odd length (not conformant) therefore
        // comes back from mark and restore with one padding byte more; its data set is identical.
        return stream.length % 2 == 0 ? stream : Arrays.copyOf(stream, stream.length + 1);
    }

    /** Whether the bytes after the stream start with the CRC-32 and length of the inflated data, as gzip ends. */
    private boolean hasGzipTrailer() {
        return trailing.length >= 8 && Arrays.equals(trailing, 0, 8, gzipTrailer(inflated), 0, 8);
    }

    private static byte[] gzipTrailer(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue()).putInt(data.length).array();
    }

    /**
     * Level and strategy that reproduce the original stream, or null when none does. Several settings
     * can reproduce one stream; zlib's default (level 6, default strategy) is tried first because it is
     * what most writers use and what this class writes, so that a file marked and then restored is
     * recompressed with the settings that made the original.
     */
    synchronized int[] reproducingSettings() {
        if (!settingsSearched) {
            settingsSearched = true;
            if (reproduces(DEFAULT_LEVEL, Deflater.DEFAULT_STRATEGY)) {
                reproducingSettings = new int[] {DEFAULT_LEVEL, Deflater.DEFAULT_STRATEGY};
            }
            for (int level = 0; level <= 9 && reproducingSettings == null; level++) {
                for (int strategy : STRATEGIES) {
                    if (reproduces(level, strategy)) {
                        reproducingSettings = new int[] {level, strategy};
                        break;
                    }
                }
            }
        }
        return reproducingSettings;
    }

    /** Whether compressing at these settings gives the original stream; stops at the first differing chunk. */
    private boolean reproduces(int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(inflated);
            deflater.finish();
            byte[] chunk = new byte[16 * 1024];
            int produced = 0;
            while (!deflater.finished()) {
                int count = deflater.deflate(chunk);
                if (produced + count > compressed.length
                        || !Arrays.equals(chunk, 0, count, compressed, produced, produced + count)) {
                    return false;
                }
                produced += count;
            }
            return produced == compressed.length;
        } finally {
            deflater.end();
        }
    }

    /** A fresh deflate stream at zlib's default settings, padded to even length. */
    static byte[] deflateNew(byte[] dataset) {
        return deflateNew(dataset, DEFAULT_LEVEL, Deflater.DEFAULT_STRATEGY);
    }

    private static byte[] deflateNew(byte[] dataset, int level, int strategy) {
        byte[] stream = compress(dataset, level, strategy);
        return stream.length % 2 == 0 ? stream : Arrays.copyOf(stream, stream.length + 1);
    }

    private static byte[] compress(byte[] data, int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
