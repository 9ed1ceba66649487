package org.cyberhealth.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;

/**
 * The header dictionary of a NumPy {@code .npy} file, e.g.
 * {@code {'descr': '<u2', 'fortran_order': False, 'shape': (512, 512), }}, parsed strictly: only the
 * Python literals NumPy writes there (strings, True/False, tuples of integers) are accepted.
 * {@link #byteLength()} counts the magic string, the version and the header, so the data that follows
 * is {@code file size - byteLength()} bytes long.
 */
public record NpyHeader(char kind, int itemSize, ByteOrder order, boolean fortranOrder, long[] shape, long byteLength) {

    private static final Map<String, Integer> ITEM_SIZES = Map.of(
            "u1", 1, "i1", 1, "u2", 2, "i2", 2, "u4", 4, "i4", 4, "f4", 4, "f8", 8);
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_BYTES = 1 << 16;

    /** Reads the magic string, the version and the header of a stream holding {@code size} bytes in all. */
    public static NpyHeader read(InputStream in, long size, String what) throws IOException {
        byte[] prelude = readExactly(in, 10, size, what);
        for (int i = 0; i < MAGIC.length; i++) {
            if (prelude[i] != MAGIC[i]) {
                throw new BadInputException(what + " is not a NumPy .npy file");
            }
        }
        int major = prelude[6];
        long headerLength;
        int preludeLength;
        if (major == 1) {
            headerLength = (prelude[8] & 0xFF) | (prelude[9] & 0xFF) << 8;
            preludeLength = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = readExactly(in, 2, size - 10, what);
            headerLength = (prelude[8] & 0xFFL) | (prelude[9] & 0xFFL) << 8 | (more[0] & 0xFFL) << 16 | (more[1] & 0xFFL) << 24;
            preludeLength = 12;
        } else {
            throw new BadInputException(what + ": unsupported .npy format version " + major + "." + prelude[7]);
        }
        if (headerLength > MAX_HEADER_BYTES || headerLength > size - preludeLength) {
            throw new BadInputException(what + ": .npy header length " + headerLength + " exceeds the file or the limit");
        }
        byte[] headerBytes = readExactly(in, (int) headerLength, size - preludeLength, what);
        String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader parsed = parse(text, what);
        return new NpyHeader(parsed.kind, parsed.itemSize, parsed.order, parsed.fortranOrder, parsed.shape, preludeLength + headerLength);
    }

    /** Reads exactly {@code count} bytes, refusing before reading when fewer than that are {@code available}. */
    public static byte[] readExactly(InputStream in, int count, long available, String what) throws IOException {
        if (count > available) {
            throw new BadInputException(what + " is truncated");
        }
        byte[] bytes = in.readNBytes(count);
        if (bytes.length != count) {
            throw new BadInputException(what + " is truncated");
        }
        return bytes;
    }

    /** The number of items the shape declares, or -1 when it exceeds {@code limit}. */
    public long items(long limit) {
        long items = 1;
        for (long extent : shape) {
            if (extent > limit || (extent > 0 && items > limit / extent)) {
                return -1;
            }
            items *= extent;
        }
        return items;
    }

    static NpyHeader parse(String text, String what) {
        Map<String, Object> dict = new Parser(text, what).dictionary();
        Object descr = dict.get("descr");
        Object fortran = dict.get("fortran_order");
        Object shape = dict.get("shape");
        if (!(descr instanceof String) || !(fortran instanceof Boolean) || !(shape instanceof long[])) {
            throw new BadInputException(what + ": header lacks descr, fortran_order or shape");
        }
        return fromDescr((String) descr, (Boolean) fortran, (long[]) shape, what);
    }

    private static NpyHeader fromDescr(String descr, boolean fortranOrder, long[] shape, String what) {
        if (descr.length() != 3) {
            throw new BadInputException(what + ": unsupported dtype '" + descr + "'");
        }
        String type = descr.substring(1);
        Integer size = ITEM_SIZES.get(type);
        char orderMark = descr.charAt(0);
        if (size == null || "<>|=".indexOf(orderMark) < 0 || (orderMark == '|' && size != 1)) {
            throw new BadInputException(what + ": unsupported dtype '" + descr + "' (u1, i1, u2, i2, u4, i4, f4, f8)");
        }
        ByteOrder order = orderMark == '>' ? ByteOrder.BIG_ENDIAN
                : orderMark == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        return new NpyHeader(type.charAt(0), size, order, fortranOrder, shape, 0);
    }

    /** A recursive-descent reader of the few Python literals a header holds. */
    private static final class Parser {
        private final String text;
        private final String what;
        private int at;

        Parser(String text, String what) {
            this.text = text;
            this.what = what;
        }

        Map<String, Object> dictionary() {
            expect('{');
            Map<String, Object> dict = new HashMap<>();
            while (!peek('}')) {
                String key = string();
                expect(':');
                dict.put(key, value());
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            skipSpace();
            if (at != text.length()) {
                throw bad("text after the dictionary");
            }
            return dict;
        }

        private Object value() {
            skipSpace();
            if (peek('\'') || peek('"')) {
                return string();
            }
            if (peek('(')) {
                return tuple();
            }
            if (text.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            throw bad("unexpected value");
        }

        private long[] tuple() {
            expect('(');
            List<Long> items = new ArrayList<>();
            while (!peek(')')) {
                items.add(integer());
                if (!peek(')')) {
                    expect(',');
                }
                if (items.size() > 8) {
                    throw bad("too many dimensions");
                }
            }
            expect(')');
            return items.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() {
            skipSpace();
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 12) {
                at++;
            }
            if (at == start || (at < text.length() && Character.isDigit(text.charAt(at)))) {
                throw bad("bad dimension");
            }
            return Long.parseLong(text.substring(start, at));
        }

        private String string() {
            skipSpace();
            if (at >= text.length()) {
                throw bad("unexpected end");
            }
            char quote = text.charAt(at);
            if (quote != '\'' && quote != '"') {
                throw bad("expected a string");
            }
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw bad("unterminated string");
            }
            String value = text.substring(at + 1, end);
            at = end + 1;
            return value;
        }

        private boolean peek(char c) {
            skipSpace();
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw bad("expected '" + c + "'");
            }
            at++;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private BadInputException bad(String problem) {
            return new BadInputException(what + ": malformed .npy header (" + problem + " at character " + at + ")");
        }
    }
}
