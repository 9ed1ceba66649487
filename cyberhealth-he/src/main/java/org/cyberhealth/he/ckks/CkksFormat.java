package org.cyberhealth.he.ckks;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.he.ring.Modulus;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * The compact, versioned binary form of parameters, keys and ciphertexts. Every object starts with
 * "CHHE", a version byte and a type byte; all but the parameters then carry an 8-byte fingerprint of the
 * parameter set, so an object is never read under parameters it was not made for. Residues are packed
 * with exactly as many bits as their prime has; uniform parts (the a of keys, the c_1 of a fresh
 * secret-key ciphertext) are sent as their 32-byte seeds. Reading checks every count against the
 * parameters and every residue against its prime, and a short or over-long input is refused: a malformed
 * object gets one clear error, never a half-read key. Version 2 added seeded ciphertexts; everything else
 * is still written as version 1, so that older builds keep reading it.
 */
public final class CkksFormat {

    /** The newest version this build reads and writes. */
    public static final int VERSION = 2;
    private static final int FIRST_VERSION = 1;
    /** The version that brought seeded ciphertexts. */
    private static final int SEEDED_VERSION = 2;
    /** How a polynomial is sent: its residues in coefficient or NTT form, or the seed of a uniform one in NTT form. */
    private static final byte COEFFICIENTS = 0;
    private static final byte NTT = 1;
    private static final byte SEEDED = 2;
    private static final byte[] MAGIC = {'C', 'H', 'H', 'E'};
    private static final int SEED = Sampler.SEED_BYTES;

    private enum Type { PARAMETERS, SECRET_KEY, PUBLIC_KEY, SWITCHING_KEY, GALOIS_KEYS, CIPHERTEXT }

    private CkksFormat() {}

    public static byte[] write(CkksParameters parameters) {
        Out out = new Out(Type.PARAMETERS, null);
        out.data.putInt(parameters.ringDegree());
        out.data.putInt(parameters.logScale());
        out.data.putInt(parameters.chain().size());
        parameters.chain().forEach(out.data::putLong);
        out.data.putInt(parameters.special().size());
        parameters.special().forEach(out.data::putLong);
        return out.bytes();
    }

    public static CkksParameters readParameters(byte[] bytes) {
        try {
            In in = new In(bytes, Type.PARAMETERS, null);
            try {
                int degree = in.data.getInt();
                int logScale = in.data.getInt();
                List<Long> chain = in.longs(64);
                List<Long> special = in.longs(8);
                in.end();
                return new CkksParameters(degree, chain, special, logScale);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("not a usable CKKS parameter set: " + e.getMessage());
            }
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    public static byte[] write(CkksParameters parameters, Ciphertext ciphertext) {
        Out out = ciphertextHeader(FIRST_VERSION, parameters, ciphertext);
        for (RnsPoly part : ciphertext.parts()) {
            out.poly(parameters.ring(), part, rows(ciphertext.level() + 1));
        }
        return out.bytes();
    }

    /** A fresh secret-key ciphertext: c_0, then c_1 as its seed (read back by {@link #readCiphertext}). */
    public static byte[] write(CkksParameters parameters, SeededCiphertext seeded) {
        Ciphertext ciphertext = seeded.ciphertext();
        Out out = ciphertextHeader(SEEDED_VERSION, parameters, ciphertext);
        out.poly(parameters.ring(), ciphertext.part(0), rows(ciphertext.level() + 1));
        out.data.put(SEEDED).put(seeded.seed());
        return out.bytes();
    }

    private static Out ciphertextHeader(int version, CkksParameters parameters, Ciphertext ciphertext) {
        Out out = new Out(version, Type.CIPHERTEXT, parameters);
        out.data.putInt(ciphertext.level());
        out.data.putDouble(ciphertext.scale());
        out.data.put((byte) ciphertext.size());
        return out;
    }

    public static Ciphertext readCiphertext(CkksParameters parameters, byte[] bytes) {
        try {
            In in = new In(bytes, Type.CIPHERTEXT, parameters);
            int level = in.data.getInt();
            if (level < 0 || level > parameters.maxLevel()) {
                throw in.malformed("level " + level + " outside 0.." + parameters.maxLevel());
            }
            double scale = in.data.getDouble();
            if (!(scale >= 1) || Double.isInfinite(scale)) {
                throw in.malformed("scale " + scale);
            }
            int parts = in.data.get();
            if (parts < 2 || parts > 3) {
                throw in.malformed(parts + " components");
            }
            Ring ring = parameters.ring();
            List<RnsPoly> polys = new ArrayList<>();
            for (int i = 0; i < parts; i++) {
                // Only a fresh two-part ciphertext's c_1 may come as a seed: the one part that is uniform.
                polys.add(i == 1 && parts == 2 ? in.polyOrSeed(ring, rows(level + 1)) : in.poly(ring, rows(level + 1)));
            }
            in.end();
            return new Ciphertext(polys, level, scale);
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    public static byte[] write(CkksParameters parameters, PublicKey key) {
        Out out = new Out(Type.PUBLIC_KEY, parameters);
        out.poly(parameters.ring(), key.b(), rows(parameters.chain().size()));
        out.data.put(key.seed());
        return out.bytes();
    }

    public static PublicKey readPublicKey(CkksParameters parameters, byte[] bytes) {
        try {
            In in = new In(bytes, Type.PUBLIC_KEY, parameters);
            Ring ring = parameters.ring();
            RnsPoly b = in.poly(ring, rows(parameters.chain().size()));
            byte[] seed = in.seed();
            in.end();
            return new PublicKey(b, Sampler.expand(ring, seed, parameters.chain().size()), seed);
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    public static byte[] write(CkksParameters parameters, SecretKey key) {
        Out out = new Out(Type.SECRET_KEY, parameters);
        out.poly(parameters.ring(), key.poly(), allRows(parameters));
        return out.bytes();
    }

    public static SecretKey readSecretKey(CkksParameters parameters, byte[] bytes) {
        try {
            In in = new In(bytes, Type.SECRET_KEY, parameters);
            RnsPoly s = in.poly(parameters.ring(), allRows(parameters));
            in.end();
            return new SecretKey(s);
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    public static byte[] write(CkksParameters parameters, SwitchingKey key) {
        Out out = new Out(Type.SWITCHING_KEY, parameters);
        switchingKey(out, parameters, key);
        return out.bytes();
    }

    public static SwitchingKey readSwitchingKey(CkksParameters parameters, byte[] bytes) {
        try {
            In in = new In(bytes, Type.SWITCHING_KEY, parameters);
            SwitchingKey key = switchingKey(in, parameters);
            in.end();
            return key;
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    public static byte[] write(CkksParameters parameters, GaloisKeys keys) {
        Out out = new Out(Type.GALOIS_KEYS, parameters);
        out.data.putInt(keys.keys().size());
        for (Map.Entry<Integer, SwitchingKey> entry : keys.keys().entrySet()) {
            out.data.putInt(entry.getKey());
            switchingKey(out, parameters, entry.getValue());
        }
        return out.bytes();
    }

    public static GaloisKeys readGaloisKeys(CkksParameters parameters, byte[] bytes) {
        try {
            In in = new In(bytes, Type.GALOIS_KEYS, parameters);
            int count = in.data.getInt();
            if (count < 0 || count > parameters.ringDegree()) {
                throw in.malformed(count + " Galois keys");
            }
            Map<Integer, SwitchingKey> keys = new HashMap<>();
            for (int i = 0; i < count; i++) {
                int element = in.data.getInt();
                if ((element & 1) == 0 || element <= 0 || element >= 2 * parameters.ringDegree() || keys.containsKey(element)) {
                    throw in.malformed("Galois element " + element);
                }
                keys.put(element, switchingKey(in, parameters));
            }
            in.end();
            return new GaloisKeys(keys);
        } catch (BufferUnderflowException e) {
            throw new BadInputException("malformed HE object: truncated");
        }
    }

    private static void switchingKey(Out out, CkksParameters parameters, SwitchingKey key) {
        Ring ring = parameters.ring();
        for (int j = 0; j < key.b().size(); j++) {
            out.poly(ring, key.b().get(j), allRows(parameters));
            out.data.put(key.seeds().get(j));
        }
    }

    private static SwitchingKey switchingKey(In in, CkksParameters parameters) {
        Ring ring = parameters.ring();
        List<RnsPoly> bs = new ArrayList<>();
        List<RnsPoly> as = new ArrayList<>();
        List<byte[]> seeds = new ArrayList<>();
        for (int j = 0; j < parameters.chain().size(); j++) {
            bs.add(in.poly(ring, allRows(parameters)));
            byte[] seed = in.seed();
            seeds.add(seed);
            as.add(Sampler.expand(ring, seed, allRows(parameters).length));
        }
        return new SwitchingKey(bs, as, seeds);
    }

    private static int[] rows(int count) {
        int[] rows = new int[count];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static int[] allRows(CkksParameters parameters) {
        return rows(parameters.chain().size() + parameters.special().size());
    }

    /** The first 8 bytes of SHA-256 over the parameters' own encoding. */
    static byte[] fingerprint(CkksParameters parameters) {
        return Arrays.copyOf(Digests.sha256(write(parameters)), 8);
    }

    private static final class Out {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteBuffer data = ByteBuffer.allocate(1 << 16);

        Out(Type type, CkksParameters parameters) {
            this(FIRST_VERSION, type, parameters);
        }

        Out(int version, Type type, CkksParameters parameters) {
            data.put(MAGIC).put((byte) version).put((byte) type.ordinal());
            if (parameters != null) {
                data.put(fingerprint(parameters));
            }
        }

        void poly(Ring ring, RnsPoly poly, int[] rows) {
            flush();
            data.put(poly.isNtt() ? NTT : COEFFICIENTS);
            for (int row : rows) {
                Modulus modulus = ring.modulus(row);
                int bits = modulus.bits();
                long[] values = poly.row(row);
                ensure((values.length * bits + 7) / 8 + 8);
                long buffer = 0;
                int filled = 0;
                for (long value : values) {
                    for (int remaining = bits; remaining > 0; ) {
                        int take = Math.min(remaining, 8 - filled);
                        long chunk = (value >>> (remaining - take)) & ((1L << take) - 1);
                        buffer = buffer << take | chunk;
                        filled += take;
                        remaining -= take;
                        if (filled == 8) {
                            data.put((byte) buffer);
                            buffer = 0;
                            filled = 0;
                        }
                    }
                }
                if (filled > 0) {
                    data.put((byte) (buffer << (8 - filled)));
                }
            }
            // Leave the buffer empty: what follows (a seed, a count) then always has room.
            flush();
        }

        private void ensure(int bytes) {
            if (data.remaining() < bytes) {
                flush();
                if (data.capacity() < bytes) {
                    data = ByteBuffer.allocate(bytes);
                }
            }
        }

        private void flush() {
            stream.write(data.array(), 0, data.position());
            data.clear();
        }

        byte[] bytes() {
            flush();
            return stream.toByteArray();
        }
    }

    private static final class In {
        final ByteBuffer data;
        final Type type;
        final int version;

        In(byte[] bytes, Type type, CkksParameters parameters) {
            this.data = ByteBuffer.wrap(bytes);
            this.type = type;
            byte[] magic = new byte[4];
            if (bytes.length < 6) {
                throw malformed("too short");
            }
            data.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new BadInputException("not a CyberHealth HE object (no CHHE header)");
            }
            version = data.get();
            if (version < FIRST_VERSION || version > VERSION) {
                throw new BadInputException("HE object format version " + version + ", this build reads versions " + FIRST_VERSION + " to " + VERSION);
            }
            int found = data.get();
            if (found != type.ordinal()) {
                String name = found >= 0 && found < Type.values().length ? Type.values()[found].name() : "unknown (" + found + ")";
                throw new BadInputException("expected a " + describe(type) + ", found a " + describe(name));
            }
            if (parameters != null) {
                byte[] fingerprint = new byte[8];
                get(fingerprint);
                if (!Arrays.equals(fingerprint, fingerprint(parameters))) {
                    throw new BadInputException("this " + describe(type) + " was made under other CKKS parameters");
                }
            }
        }

        private static String describe(Object type) {
            return type.toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        List<Long> longs(int max) {
            int count = data.getInt();
            if (count < 0 || count > max) {
                throw malformed(count + " primes");
            }
            List<Long> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(data.getLong());
            }
            return values;
        }

        byte[] seed() {
            byte[] seed = new byte[SEED];
            get(seed);
            return seed;
        }

        private void get(byte[] into) {
            if (data.remaining() < into.length) {
                throw malformed("truncated");
            }
            data.get(into);
        }

        /** A polynomial sent as its residues, or, from version 2 on, a uniform one sent as its seed. */
        RnsPoly polyOrSeed(Ring ring, int[] rows) {
            if (version >= SEEDED_VERSION && data.hasRemaining() && data.get(data.position()) == SEEDED) {
                data.get();
                return expandedFromSeed(ring, rows);
            }
            return poly(ring, rows);
        }

        RnsPoly poly(Ring ring, int[] rows) {
            if (data.remaining() < 1) {
                throw malformed("truncated");
            }
            byte form = data.get();
            if (form != NTT && form != COEFFICIENTS) {
                throw malformed("unknown polynomial form " + form);
            }
            RnsPoly poly = new RnsPoly(rows.length, ring.degree(), form == NTT);
            for (int r = 0; r < rows.length; r++) {
                Modulus modulus = ring.modulus(rows[r]);
                int bits = modulus.bits();
                long[] values = poly.row(r);
                if (data.remaining() < ((long) values.length * bits + 7) / 8) {
                    throw malformed("truncated");
                }
                int current = 0;
                int left = 0;
                for (int k = 0; k < values.length; k++) {
                    long value = 0;
                    for (int remaining = bits; remaining > 0; ) {
                        if (left == 0) {
                            current = data.get() & 0xFF;
                            left = 8;
                        }
                        int take = Math.min(remaining, left);
                        value = value << take | ((current >>> (left - take)) & ((1 << take) - 1));
                        left -= take;
                        remaining -= take;
                    }
                    if (value >= modulus.value()) {
                        throw malformed("a residue is not below its prime");
                    }
                    values[k] = value;
                }
            }
            return poly;
        }

        /** A uniform polynomial sent as its seed: over the first primes only, as the sender expanded it. */
        private RnsPoly expandedFromSeed(Ring ring, int[] rows) {
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] != r) {
                    throw malformed("a seeded polynomial over other primes than the first ones");
                }
            }
            return Sampler.expand(ring, seed(), rows.length);
        }

        void end() {
            if (data.hasRemaining()) {
                throw malformed(data.remaining() + " bytes after the end");
            }
        }

        BadInputException malformed(String what) {
            return new BadInputException("malformed " + describe(type) + ": " + what);
        }
    }
}
