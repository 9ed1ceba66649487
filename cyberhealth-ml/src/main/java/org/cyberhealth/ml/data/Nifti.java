package org.cyberhealth.ml.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.cyberhealth.core.BadInputException;

/**
 * A bounded reader of single-file NIfTI-1 volumes ({@code .nii}, or gzip-compressed {@code .nii.gz}), as
 * written by TotalSegmentator and most medical imaging tools (NIfTI-1 data format, Cox et al., NIfTI Data
 * Format Working Group, 2004). Reads 3D scalar volumes of the common integer and float types, applies the
 * header's scaling, and returns the label names of a Caret XML label-table extension where one is present.
 *
 * <p>The file is untrusted: the header is checked (size 348, magic {@code n+1}, 1 to 3 dimensions beyond
 * which every size is 1, positive sizes, a known type, a voxel offset past the header), the declared voxel
 * count is capped before anything is allocated, and the declared byte count is compared with what the file
 * can hold (its size, or for gzip the uncompressed size in its trailer) before the voxels are read. A file
 * that still ends early (a lying trailer) is refused with the byte counts, never padded.
 */
public final class Nifti {

    /** Voxels per volume, at most: 64 M (256 MB of floats), far above a CT at full resolution. */
    static final long MAX_VOXELS = 1L << 26;
    private static final int HEADER_BYTES = 348;
    /** Extensions (label tables) are small; a larger one is a hostile file. */
    private static final int MAX_EXTENSION_BYTES = 1 << 22;
    private static final Pattern LABEL = Pattern.compile("<Label Key=\"(\\d+)\"[^>]*><!\\[CDATA\\[([^\\]]*)\\]\\]></Label>");

    private Nifti() {}

    /**
     * A volume: {@code nx x ny x nz} voxels (x fastest, as stored), their spacing in mm, and the label
     * names of the extension (empty when the file has none).
     */
    public record Volume(int nx, int ny, int nz, float[] spacing, float[] voxels, Map<Integer, String> labels) {

        /** The value at column {@code x}, row {@code y}, slice {@code z}. */
        public float at(int x, int y, int z) {
            return voxels[(z * ny + y) * nx + x];
        }

        /** The label value named {@code name} in the extension. */
        public int labelOf(String name) {
            for (Map.Entry<Integer, String> e : labels.entrySet()) {
                if (e.getValue().equals(name)) {
                    return e.getKey();
                }
            }
            throw new BadInputException("no label '" + name + "' in the volume's label table");
        }
    }

    public static Volume read(Path file) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try {
            long stored = Files.size(file);
            long available = gzip ? gzipSize(file, stored) : stored;
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                return read(in, available, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + file);
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(file + " is not a valid gzip file: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The uncompressed size that a gzip file's trailer states (modulo 2^32, enough under the cap). */
    private static long gzipSize(Path file, long stored) throws IOException {
        if (stored < 18) {
            throw new BadInputException(file + " is too short to be a gzip file (" + stored + " bytes)");
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] trailer = new byte[4];
            f.seek(stored - 4);
            f.readFully(trailer);
            return ByteBuffer.wrap(trailer).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        }
    }

    /** Reads from {@code in}, which can hold at most {@code available} bytes. */
    static Volume read(InputStream in, long available, String what) throws IOException {
        byte[] headerBytes = in.readNBytes(HEADER_BYTES);
        if (headerBytes.length < HEADER_BYTES) {
            throw new BadInputException(what + ": truncated NIfTI header (" + headerBytes.length + " of 348 bytes)");
        }
        ByteBuffer h = ByteBuffer.wrap(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != HEADER_BYTES) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != HEADER_BYTES) {
                throw new BadInputException(what + " is not a NIfTI-1 file (header size is not 348)");
            }
        }
        String magic = new String(headerBytes, 344, 4, StandardCharsets.ISO_8859_1);
        if (!magic.equals("n+1\0")) {
            throw new BadInputException(what + ": not a single-file NIfTI-1 volume (magic '" + magic.trim() + "', expected n+1)");
        }
        int rank = h.getShort(40);
        if (rank < 1 || rank > 7) {
            throw new BadInputException(what + ": dim[0] = " + rank + " (1 to 7 expected)");
        }
        int[] size = {1, 1, 1};
        long voxels = 1;
        for (int d = 1; d <= rank; d++) {
            int n = h.getShort(40 + 2 * d);
            if (n < 1) {
                throw new BadInputException(what + ": dimension " + d + " has size " + n);
            }
            if (d > 3 && n != 1) {
                throw new BadInputException(what + ": only 3D volumes are read (dimension " + d + " has size " + n + ")");
            }
            if (d <= 3) {
                size[d - 1] = n;
            }
            voxels *= n;
        }
        if (voxels > MAX_VOXELS) {
            throw new BadInputException(what + ": " + voxels + " voxels, more than the " + MAX_VOXELS + " allowed");
        }
        Type type = Type.of(h.getShort(70), what);
        float offset = h.getFloat(108);
        if (!(offset >= 352) || offset != Math.floor(offset) || offset > HEADER_BYTES + 4 + MAX_EXTENSION_BYTES) {
            throw new BadInputException(what + ": voxel offset " + offset + " (a whole number from 352 expected)");
        }
        long needed = (long) offset + voxels * type.bytes;
        if (needed > available) {
            throw new BadInputException(what + ": truncated, the header declares " + needed + " bytes but the file holds " + available);
        }
        byte[] extension = readFully(in, (int) offset - HEADER_BYTES, what, "header extension");
        byte[] data = readFully(in, (int) (voxels * type.bytes), what, "voxel data");
        float slope = h.getFloat(112);
        float intercept = h.getFloat(116);
        boolean scaled = slope != 0 && Float.isFinite(slope) && Float.isFinite(intercept) && (slope != 1 || intercept != 0);
        float[] values = type.decode(ByteBuffer.wrap(data).order(h.order()), (int) voxels);
        if (scaled) {
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * slope + intercept;
            }
        }
        float[] spacing = {Math.abs(h.getFloat(80)), Math.abs(h.getFloat(84)), Math.abs(h.getFloat(88))};
        return new Volume(size[0], size[1], size[2], spacing, values, labels(extension));
    }

    private static byte[] readFully(InputStream in, int count, String what, String part) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(count, 1 << 20));
        byte[] buffer = new byte[1 << 16];
        int left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(buffer.length, left));
            if (n < 0) {
                throw new BadInputException(what + ": truncated " + part + " (" + (count - left) + " of " + count + " bytes)");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    /** Label names of a Caret XML label table (as TotalSegmentator writes), if the extension holds one. */
    private static Map<Integer, String> labels(byte[] extension) {
        Map<Integer, String> labels = new TreeMap<>();
        if (extension.length > 4) {
            Matcher m = LABEL.matcher(new String(extension, 4, extension.length - 4, StandardCharsets.UTF_8));
            while (m.find()) {
                labels.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        return labels;
    }

    /** The voxel types read, by NIfTI datatype code. */
    private enum Type {
        UINT8(2, 1), INT16(4, 2), INT32(8, 4), FLOAT32(16, 4), FLOAT64(64, 8), INT8(256, 1), UINT16(512, 2);

        final int code;
        final int bytes;

        Type(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        static Type of(int code, String what) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new BadInputException(what + ": voxel type " + code + " is not read (uint8, int8, int16, uint16, int32, float32, float64)");
        }

        float[] decode(ByteBuffer b, int count) {
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = switch (this) {
                    case UINT8 -> b.get() & 0xFF;
                    case INT8 -> b.get();
                    case INT16 -> b.getShort();
                    case UINT16 -> b.getShort() & 0xFFFF;
                    case INT32 -> b.getInt();
                    case FLOAT32 -> b.getFloat();
                    case FLOAT64 -> (float) b.getDouble();
                };
            }
            return v;
        }
    }
}
