package org.cyberhealth.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cyberhealth.core.BadInputException;

/**
 * NumPy's {@code .npz} archive: a zip whose entries are {@code .npy} files named after the arrays. This class writes
 * one atomically (deflated, as {@code numpy.savez_compressed} does) and reads an archive's entries as raw {@code .npy}
 * bytes, so that a tool can replace one array and copy the others unchanged. Reading is bounded: the sizes the archive
 * declares are checked against a limit before anything is allocated, and the bytes really inflated against the
 * declared sizes, so a zip bomb or a lying header cannot claim unbounded memory.
 */
public final class Npz {

    /** The largest array file written or read: NumPy's version 1.0 header and our readers stay well inside it. */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    private static final int MAX_ENTRIES = 256;
    private static final int HEADER_ALIGNMENT = 64;

    private Npz() {}

    /**
     * The bytes of a version 1.0 {@code .npy} file holding {@code data} in C order: {@code descr} is NumPy's type
     * string ({@code |u1}, {@code <f4}, ...), and {@code data} must hold exactly the items {@code shape} declares.
     */
    public static byte[] npy(String descr, long[] shape, byte[] data) {
        String dictionary = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }";
        NpyHeader parsed = NpyHeader.parse(dictionary, "array");
        long items = parsed.items(MAX_ENTRY_BYTES);
        if (items < 0 || items * parsed.itemSize() != data.length) {
            throw new IllegalArgumentException("shape " + tuple(shape) + " of " + descr + " needs " + (items < 0 ? "too many" : items * parsed.itemSize())
                    + " bytes, the data has " + data.length);
        }
        StringBuilder header = new StringBuilder(dictionary);
        // NumPy pads the header with spaces and ends it with a newline so that the data starts on a 64-byte boundary.
        int unpadded = 10 + header.length() + 1;
        header.append(" ".repeat((HEADER_ALIGNMENT - unpadded % HEADER_ALIGNMENT) % HEADER_ALIGNMENT)).append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + text.length + data.length);
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (text.length & 0xFF), (byte) (text.length >>> 8)});
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Python's spelling of a shape: {@code (3,)} for one dimension, {@code (2, 28, 28)} for more, {@code ()} for none. */
    private static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative extent in a shape");
            }
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * Writes {@code arrays} (array name to its {@code .npy} bytes, in order) as {@code target}, atomically; without
     * {@code overwrite} an existing target is bad input and nothing is written.
     */
    public static void write(Path target, boolean overwrite, Map<String, byte[]> arrays) {
        if (arrays.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " arrays in an archive");
        }
        for (Map.Entry<String, byte[]> a : arrays.entrySet()) {
            if (a.getKey().isEmpty() || a.getKey().contains("/") || a.getValue().length > MAX_ENTRY_BYTES) {
                throw new IllegalArgumentException("array '" + a.getKey() + "': names are non-empty without '/', files at most 1 GiB");
            }
        }
        AtomicOutput.write(target, overwrite, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, byte[]> a : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(a.getKey() + ".npy"));
                zip.write(a.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * The arrays of {@code npz} as raw {@code .npy} bytes (array name to bytes, in the archive's order), at most
     * {@code maxTotalBytes} in all. Entries that are not {@code .npy} files are bad input: an .npz holds nothing else.
     */
    public static Map<String, byte[]> readRaw(Path npz, long maxTotalBytes) {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new BadInputException(npz + " holds " + zip.size() + " entries, more than an .npz may (" + MAX_ENTRIES + ")");
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".npy") || name.contains("/") || name.length() == 4) {
                    throw new BadInputException(npz + ": entry '" + name + "' is not an array (.npy)");
                }
                long size = entry.getSize();
                if (size < 0 || size > MAX_ENTRY_BYTES || size > maxTotalBytes - total) {
                    throw new BadInputException(npz + ": array '" + name + "' is too large or of unknown size (limit " + maxTotalBytes + " bytes in all)");
                }
                total += size;
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] bytes = NpyHeader.readExactly(in, (int) size, size, npz + ":" + name);
                    if (in.read() != -1) {
                        throw new BadInputException(npz + ": array '" + name + "' holds more bytes than the archive declares");
                    }
                    arrays.put(name.substring(0, name.length() - 4), bytes);
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + npz);
        } catch (ZipException e) {
            throw new BadInputException(npz + " is not a NumPy .npz archive: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + npz + ": " + e.getMessage(), e);
        }
        return arrays;
    }
}
