package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.cyberhealth.core.BadInputException;

/**
 * The byte layout of a zip archive as PyTorch writes a TorchScript module (ZIP with 64-byte aligned, stored tensor data),
 * read from the central directory and checked against the local headers, with every byte of the file accounted for.
 *
 * <p>A zip has room for data outside its entries (gaps between them, the archive comment, extra fields); the export gateway
 * must see those, so {@link #unaccounted} lists every such place: bytes no header, entry or descriptor covers, a comment,
 * extra fields other than PyTorch's alignment padding (id "FB", filled with 'Z'). Untrusted input: sizes are checked against
 * the file and the limits before anything is read, deflated entries are inflated up to their declared size only, and
 * anything this reader does not expect (encryption, a multi-disk archive, duplicate names, other compression methods) is
 * refused with the reason.
 */
final class ZipLayout {

    /** At most this many entries (a module has a few per layer). */
    static final int MAX_ENTRIES = 65_536;
    /** No entry larger than this once inflated. */
    static final long MAX_ENTRY_BYTES = 256L << 20;

    /** One entry: where its local header and data are, how it is stored, and its checksum. */
    record Entry(String name, int method, int flags, long crc, long compressedSize, long size, int localOffset, int dataOffset,
                 int descriptorOffset, int descriptorLength, int centralOffset) {}

    private final byte[] bytes;
    private final List<Entry> entries;
    private final List<String> unaccounted;

    private ZipLayout(byte[] bytes, List<Entry> entries, List<String> unaccounted) {
        this.bytes = bytes;
        this.entries = List.copyOf(entries);
        this.unaccounted = List.copyOf(unaccounted);
    }

    List<Entry> entries() {
        return entries;
    }

    /** Places in the file that carry bytes outside the entries' contents, each described (empty for PyTorch's own writing). */
    List<String> unaccounted() {
        return unaccounted;
    }

    static ZipLayout read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
            if (b.getInt(at) == 0x06054b50) {
                eocd = at;
                break;
            }
        }
        if (eocd < 0) {
            throw bad("no end of central directory: not a zip archive");
        }
        if (b.getShort(eocd + 4) != 0 || b.getShort(eocd + 6) != 0) {
            throw bad("a multi-disk zip archive");
        }
        long count = b.getShort(eocd + 10) & 0xffff;
        long directorySize = b.getInt(eocd + 12) & 0xffffffffL;
        long directoryOffset = b.getInt(eocd + 16) & 0xffffffffL;
        int comment = b.getShort(eocd + 20) & 0xffff;
        List<String> unaccounted = new ArrayList<>();
        if (eocd + 22 + comment != bytes.length) {
            throw bad("the end of central directory does not end the file");
        }
        if (comment > 0) {
            unaccounted.add("an archive comment of " + comment + " bytes");
        }
        int directoryEnd = eocd;
        if (eocd >= 20 && b.getInt(eocd - 20) == 0x07064b50) {
            long record = b.getLong(eocd - 20 + 8);
            if (record < 0 || record > eocd - 20 - 56 || b.getInt((int) record) != 0x06064b50) {
                throw bad("a broken zip64 end of central directory locator");
            }
            int r = (int) record;
            long recordSize = b.getLong(r + 4);
            if (recordSize != 44 || r + 56 != eocd - 20) {
                unaccounted.add("a zip64 end record of " + (recordSize + 12) + " bytes (44 expected) or bytes before the locator");
            }
            count = b.getLong(r + 32);
            directorySize = b.getLong(r + 40);
            directoryOffset = b.getLong(r + 48);
            directoryEnd = r;
        }
        if (count > MAX_ENTRIES || directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryEnd) {
            throw bad("the central directory does not fit the file (" + count + " entries, " + directorySize + " bytes at " + directoryOffset + ")");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int at = (int) directoryOffset;
        for (long k = 0; k < count; k++) {
            need(bytes, at, 46);
            if (b.getInt(at) != 0x02014b50) {
                throw bad("central directory entry " + k + " is broken");
            }
            int flags = b.getShort(at + 8) & 0xffff;
            int method = b.getShort(at + 10) & 0xffff;
            long crc = b.getInt(at + 16) & 0xffffffffL;
            long compressed = b.getInt(at + 20) & 0xffffffffL;
            long size = b.getInt(at + 24) & 0xffffffffL;
            int nameLength = b.getShort(at + 28) & 0xffff;
            int extraLength = b.getShort(at + 30) & 0xffff;
            int commentLength = b.getShort(at + 32) & 0xffff;
            long local = b.getInt(at + 42) & 0xffffffffL;
            need(bytes, at + 46, nameLength + extraLength + commentLength);
            String name = new String(bytes, at + 46, nameLength, StandardCharsets.UTF_8);
            long[] zip64 = zip64(b, at + 46 + nameLength, extraLength, size, compressed, local, name, unaccounted);
            size = zip64[0];
            compressed = zip64[1];
            local = zip64[2];
            if (commentLength > 0) {
                unaccounted.add("a comment of " + commentLength + " bytes on " + name);
            }
            if (!names.add(name)) {
                throw bad("the archive names " + name + " twice");
            }
            if ((flags & 1) != 0) {
                throw bad(name + " is encrypted");
            }
            if (method != 0 && method != 8) {
                throw bad(name + " uses compression method " + method + " (stored and deflate only)");
            }
            if (size > MAX_ENTRY_BYTES || compressed > bytes.length || local >= directoryOffset || (method == 0 && compressed != size)) {
                throw bad(name + " declares " + size + " bytes (" + compressed + " stored), beyond the limits or the file");
            }
            entries.add(local(b, bytes, name, flags, method, crc, compressed, size, (int) local, at, unaccounted));
            at += 46 + nameLength + extraLength + commentLength;
        }
        if (at != directoryEnd) {
            unaccounted.add((directoryEnd - at) + " bytes after the central directory");
        }
        checkCoverage(entries, (int) directoryOffset, unaccounted);
        return new ZipLayout(bytes, entries, unaccounted);
    }

    private static long[] zip64(ByteBuffer b, int from, int length, long size, long compressed, long local, String name, List<String> unaccounted) {
        long[] out = {size, compressed, local};
        int at = from;
        while (at + 4 <= from + length) {
            int id = b.getShort(at) & 0xffff;
            int n = b.getShort(at + 2) & 0xffff;
            if (at + 4 + n > from + length) {
                throw bad("a broken extra field on " + name);
            }
            if (id == 1) {
                int p = at + 4;
                for (int k = 0; k < 3; k++) {
                    if (out[k] == 0xffffffffL) {
                        if (p + 8 > at + 4 + n) {
                            throw bad("a broken zip64 field on " + name);
                        }
                        out[k] = b.getLong(p);
                        p += 8;
                    }
                }
            } else {
                unaccounted.add("an extra field (id " + id + ", " + n + " bytes) in the central directory entry of " + name);
            }
            at += 4 + n;
        }
        if (at != from + length) {
            throw bad("a broken extra field on " + name);
        }
        return out;
    }

    private static Entry local(ByteBuffer b, byte[] bytes, String name, int flags, int method, long crc, long compressed, long size, int local,
                               int central, List<String> unaccounted) {
        need(bytes, local, 30);
        if (b.getInt(local) != 0x04034b50) {
            throw bad("the local header of " + name + " is missing");
        }
        int nameLength = b.getShort(local + 26) & 0xffff;
        int extraLength = b.getShort(local + 28) & 0xffff;
        need(bytes, local + 30, nameLength + extraLength);
        if (!name.equals(new String(bytes, local + 30, nameLength, StandardCharsets.UTF_8)) || (b.getShort(local + 8) & 0xffff) != method) {
            throw bad("the local header of " + name + " does not match the central directory");
        }
        int extra = local + 30 + nameLength;
        for (int at = extra; at < extra + extraLength; ) {
            int id = at + 4 <= extra + extraLength ? b.getShort(at) & 0xffff : -1;
            int n = at + 4 <= extra + extraLength ? b.getShort(at + 2) & 0xffff : 0;
            if (id < 0 || at + 4 + n > extra + extraLength) {
                throw bad("a broken extra field on " + name);
            }
            boolean padding = id == 0x4246;
            for (int k = 0; padding && k < n; k++) {
                padding = bytes[at + 4 + k] == 'Z';
            }
            // Zip64 sizes (id 1) in a local header are bookkeeping; anything else is room for data.
            if (!padding && id != 1) {
                unaccounted.add("an extra field (id " + id + ", " + n + " bytes) in the local header of " + name);
            }
            at += 4 + n;
        }
        int data = extra + extraLength;
        need(bytes, data, compressed);
        int end = (int) (data + compressed);
        int descriptor = -1;
        int descriptorLength = 0;
        if ((flags & 8) != 0) {
            descriptor = end;
            int signature = end + 4 <= bytes.length && b.getInt(end) == 0x08074b50 ? 4 : 0;
            // 32-bit sizes unless they do not fit; the next header tells which PyTorch wrote.
            int wide = 4 + signature + 16;
            int narrow = 4 + signature + 8;
            descriptorLength = nextHeader(b, bytes, end + narrow) ? narrow : nextHeader(b, bytes, end + wide) ? wide : -1;
            if (descriptorLength < 0) {
                throw bad("the data descriptor of " + name + " is not followed by a header");
            }
            if ((b.getInt(end + signature) & 0xffffffffL) != crc) {
                throw bad("the data descriptor of " + name + " does not match the central directory");
            }
        } else if ((b.getInt(local + 14) & 0xffffffffL) != crc) {
            throw bad("the local header of " + name + " does not match the central directory");
        }
        return new Entry(name, method, flags, crc, compressed, size, local, data, descriptor, descriptorLength, central);
    }

    private static boolean nextHeader(ByteBuffer b, byte[] bytes, int at) {
        if (at + 4 > bytes.length) {
            return false;
        }
        int signature = b.getInt(at);
        return signature == 0x04034b50 || signature == 0x02014b50;
    }

    /** Every byte before the central directory must belong to one entry (header, data, descriptor), in order, without gaps. */
    private static void checkCoverage(List<Entry> entries, int directoryOffset, List<String> unaccounted) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort((x, y) -> Integer.compare(x.localOffset(), y.localOffset()));
        int expected = 0;
        for (Entry e : byOffset) {
            if (e.localOffset() < expected) {
                throw bad("entries overlap at " + e.name());
            }
            if (e.localOffset() > expected) {
                unaccounted.add((e.localOffset() - expected) + " bytes before " + e.name() + " that no entry holds");
            }
            expected = (int) (e.dataOffset() + e.compressedSize() + e.descriptorLength());
        }
        if (expected > directoryOffset) {
            throw bad("the last entry runs into the central directory");
        }
        if (expected < directoryOffset) {
            unaccounted.add((directoryOffset - expected) + " bytes before the central directory that no entry holds");
        }
    }

    /** The entry's content: stored bytes, or inflated up to its declared size (refused if it inflates to anything else), CRC-checked. */
    byte[] content(Entry e) {
        if (e.method() == 0) {
            return checked(e, java.util.Arrays.copyOfRange(bytes, e.dataOffset(), e.dataOffset() + (int) e.size()));
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, e.dataOffset(), (int) e.compressedSize());
            byte[] out = new byte[(int) e.size()];
            int n = 0;
            while (n < out.length && !inflater.finished() && !inflater.needsInput()) {
                n += inflater.inflate(out, n, out.length - n);
            }
            byte[] probe = new byte[1];
            if (n != out.length || (!inflater.finished() && inflater.inflate(probe) > 0)) {
                throw bad(e.name() + " does not inflate to its declared " + e.size() + " bytes");
            }
            return checked(e, out);
        } catch (DataFormatException ex) {
            throw bad(e.name() + " is not valid deflate data: " + ex.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static byte[] checked(Entry e, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        if (crc.getValue() != e.crc()) {
            throw bad(e.name() + " fails its CRC-32");
        }
        return content;
    }

    /**
     * A copy of the archive with the stored entries in {@code replaced} holding new bytes of the same length, their CRC-32 updated
     * wherever the archive records it (local header or data descriptor, and central directory); every other byte is the input's.
     */
    byte[] withContents(Map<Entry, byte[]> replaced) {
        byte[] out = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<Entry, byte[]> r : replaced.entrySet()) {
            Entry e = r.getKey();
            if (e.method() != 0 || r.getValue().length != e.size()) {
                throw new IllegalArgumentException(e.name() + " is not a stored entry of " + r.getValue().length + " bytes");
            }
            System.arraycopy(r.getValue(), 0, out, e.dataOffset(), r.getValue().length);
            CRC32 crc = new CRC32();
            crc.update(r.getValue());
            int value = (int) crc.getValue();
            if (e.descriptorOffset() >= 0) {
                b.putInt(e.descriptorOffset() + (b.getInt(e.descriptorOffset()) == 0x08074b50 ? 4 : 0), value);
            } else {
                b.putInt(e.localOffset() + 14, value);
            }
            b.putInt(e.centralOffset() + 16, value);
        }
        return out;
    }

    private static void need(byte[] bytes, long at, long length) {
        if (at < 0 || length < 0 || at + length > bytes.length) {
            throw bad("a header or entry runs past the end of the file");
        }
    }

    private static BadInputException bad(String why) {
        return new BadInputException("not a TorchScript archive the gateway can read: " + why);
    }
}
