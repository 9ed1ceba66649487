package org.cyberhealth.imaging.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds .npy files byte by byte, as NumPy writes them, for the reader's tests. */
final class NpyBytes {

    private NpyBytes() {}

    /** A file of format {@code major}.0 with the given header dictionary text and data bytes. */
    static byte[] file(int major, String dictionary, byte[] data) {
        int prelude = major == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dictionary);
        while ((prelude + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int length = headerBytes.length;
        out.write(length & 0xFF);
        out.write(length >>> 8 & 0xFF);
        if (major > 1) {
            out.write(length >>> 16 & 0xFF);
            out.write(length >>> 24 & 0xFF);
        }
        out.writeBytes(headerBytes);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The values encoded as dtype {@code type} (e.g. "i2", "f8") in byte order {@code order}. */
    static byte[] values(String type, ByteOrder order, double... values) {
        int size = type.charAt(1) - '0';
        ByteBuffer buffer = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (type) {
                case "u1", "i1" -> buffer.put((byte) (long) v);
                case "u2", "i2" -> buffer.putShort((short) (long) v);
                case "u4", "i4" -> buffer.putInt((int) (long) v);
                case "f4" -> buffer.putFloat((float) v);
                case "f8" -> buffer.putDouble(v);
                default -> throw new IllegalArgumentException(type);
            }
        }
        return buffer.array();
    }

    static String dictionary(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }
}
