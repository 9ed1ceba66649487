package org.cyberhealth.he.ckks;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.he.ring.Automorphism;
import org.cyberhealth.he.ring.LazyInnerProduct;
import org.cyberhealth.he.ring.Modulus;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * Homomorphic operations on ciphertexts, needing only public material (the relinearisation key): add,
 * subtract, multiply by a plaintext or a ciphertext, relinearise (key switching with one special prime P:
 * decompose by RNS rows, multiply by the key over Q_l P, divide by P), and rescale (divide by the last
 * prime of the level, rounding, which brings the scale back down after a product). The RNS forms follow
 * Cheon, Han, Kim, Kim and Song, SAC 2018. Inputs are never modified.
 */
public final class Evaluator {

    private static final double SCALE_TOLERANCE = 1e-9;

    private final Ring ring;
    private final int special;
    private final java.util.Map<Integer, Automorphism> automorphisms = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Each thread's working rows for key switching and rescaling (an evaluator may serve several threads, as the
     * inference server's do): reused from one operation to the next instead of allocated and zeroed each time.
     */
    private final ThreadLocal<Scratch> scratch;

    public Evaluator(CkksParameters parameters, Ring ring) {
        this.ring = ring;
        special = parameters.chain().size();
        scratch = ThreadLocal.withInitial(() -> new Scratch(ring.degree(), special));
    }

    /**
     * Rows that every key switch at any level fits: a digit's coefficients and its lift per digit, the two
     * sums over the chain and the special prime, the inner products' own rows, and one row of remainders. Every
     * use writes a row whole before reading it.
     */
    private static final class Scratch {

        final long[][] coefficients;
        final long[][] lifted;
        final RnsPoly sum0;
        final RnsPoly sum1;
        final LazyInnerProduct products;
        final long[] remainder;

        Scratch(int degree, int chain) {
            coefficients = new long[chain][degree];
            lifted = new long[chain][degree];
            sum0 = new RnsPoly(chain + 1, degree, true);
            sum1 = new RnsPoly(chain + 1, degree, true);
            products = new LazyInnerProduct(degree);
            remainder = new long[degree];
        }
    }

    public Ciphertext add(Ciphertext x, Ciphertext y) {
        requireMatching(x, y);
        List<RnsPoly> parts = new ArrayList<>();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            boolean both = i < x.size() && i < y.size();
            parts.add(both ? ring.add(x.part(i), y.part(i)) : (i < x.size() ? x.part(i) : y.part(i)).copy());
        }
        return new Ciphertext(parts, x.level(), x.scale());
    }

    public Ciphertext subtract(Ciphertext x, Ciphertext y) {
        requireMatching(x, y);
        List<RnsPoly> parts = new ArrayList<>();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            RnsPoly difference = i < x.size() ? x.part(i).copy() : ring.zero(x.level() + 1, true);
            if (i < y.size()) {
                ring.subtractInPlace(difference, y.part(i));
            }
            parts.add(difference);
        }
        return new Ciphertext(parts, x.level(), x.scale());
    }

    public Ciphertext addPlain(Ciphertext x, Plaintext p) {
        requireLevel(x.level(), p.level());
        requireScale(x.scale(), p.scale());
        List<RnsPoly> parts = new ArrayList<>(x.parts());
        RnsPoly c0 = x.part(0).copy();
        ring.addInPlace(c0, p.poly());
        parts.set(0, c0);
        return new Ciphertext(parts, x.level(), x.scale());
    }

    public Ciphertext multiplyPlain(Ciphertext x, Plaintext p) {
        requireLevel(x.level(), p.level());
        List<RnsPoly> parts = new ArrayList<>();
        for (RnsPoly part : x.parts()) {
            parts.add(ring.multiply(part, p.poly()));
        }
        return new Ciphertext(parts, x.level(), x.scale() * p.scale());
    }

    /** The tensor product (three components); relinearise it before the next product. */
    public Ciphertext multiply(Ciphertext x, Ciphertext y) {
        requireLevel(x.level(), y.level());
        if (x.size() != 2 || y.size() != 2) {
            throw new IllegalArgumentException("relinearise before multiplying again (a ciphertext has " + Math.max(x.size(), y.size()) + " parts)");
        }
        return new Ciphertext(List.of(ring.tensor(x.part(0), x.part(1), y.part(0), y.part(1))), x.level(), x.scale() * y.scale());
    }

    /** Back to two components: c_2 s^2 becomes key-switched terms in s. */
    public Ciphertext relinearise(Ciphertext x, SwitchingKey key) {
        if (x.size() == 2) {
            return x;
        }
        RnsPoly[] switched = keySwitch(x.part(2), x.level(), key, x.part(0), x.part(1));
        return new Ciphertext(List.of(switched[0], switched[1]), x.level(), x.scale());
    }

    /** The slots rotated left by {@code steps} (negative: right), with a key for that rotation. */
    public Ciphertext rotate(Ciphertext x, int steps, GaloisKeys keys) {
        return applyGalois(x, GaloisKeys.rotation(ring.degree(), steps), keys);
    }

    /** The complex conjugate of every slot. */
    public Ciphertext conjugate(Ciphertext x, GaloisKeys keys) {
        return applyGalois(x, GaloisKeys.conjugation(ring.degree()), keys);
    }

    private Ciphertext applyGalois(Ciphertext x, int element, GaloisKeys keys) {
        if (x.size() != 2) {
            throw new IllegalArgumentException("relinearise before rotating");
        }
        SwitchingKey key = keys.key(element);
        Automorphism automorphism = automorphisms.computeIfAbsent(element, g -> new Automorphism(ring.degree(), g));
        RnsPoly[] switched = keySwitch(automorphism.apply(x.part(1)), x.level(), key, automorphism.apply(x.part(0)), null);
        return new Ciphertext(List.of(switched[0], switched[1]), x.level(), x.scale());
    }

    /** The same ciphertext over fewer primes (level {@code level}), its scale unchanged: to meet an operand lower down. */
    public Ciphertext dropToLevel(Ciphertext x, int level) {
        if (level < 0 || level > x.level()) {
            throw new IllegalArgumentException("cannot move a ciphertext from level " + x.level() + " to " + level);
        }
        List<RnsPoly> parts = new ArrayList<>();
        for (RnsPoly part : x.parts()) {
            parts.add(part.truncated(level + 1));
        }
        return new Ciphertext(parts, level, x.scale());
    }

    /** Divides by the level's last prime q_l (rounding): level l - 1, scale / q_l. */
    public Ciphertext rescale(Ciphertext x) {
        if (x.level() == 0) {
            throw new IllegalArgumentException("a ciphertext at level 0 cannot be rescaled");
        }
        int last = x.level();
        List<RnsPoly> parts = new ArrayList<>();
        for (RnsPoly part : x.parts()) {
            parts.add(divideByLastPrime(part, last, last, last, null));
        }
        return new Ciphertext(parts, x.level() - 1, x.scale() / ring.modulus(last).value());
    }

    /**
     * (poly - [poly]_(prime)) / prime over the first {@code keep} primes, where the row {@code lastRow} of
     * {@code poly} holds its residues modulo ring prime {@code prime}: exact division after subtracting the
     * centred remainder, i.e. rounding to the nearest multiple; plus {@code addend} (over the first {@code keep}
     * primes, NTT form) if it is not null, in the same pass.
     */
    private RnsPoly divideByLastPrime(RnsPoly poly, int lastRow, int prime, int keep, RnsPoly addend) {
        long p = ring.modulus(prime).value();
        long[] remainder = scratch.get().remainder;
        ring.inverseRow(prime, poly.row(lastRow), remainder);
        long half = p / 2;
        RnsPoly result = ring.zero(keep, true);
        for (int i = 0; i < keep; i++) {
            Modulus qi = ring.modulus(i);
            long q = qi.value();
            long pModQ = qi.reduce(p);
            // r - p for a remainder above p/2 (the centred one), as r + (q - p mod q) to stay non-negative.
            long offset = q - pModQ;
            long[] lifted = result.row(i);
            // The forward NTT takes inputs below 4q, so the lift needs no reduction when r + offset < p + q <= 4q.
            if (p <= 3 * q) {
                for (int k = 0; k < lifted.length; k++) {
                    long r = remainder[k];
                    lifted[k] = r + (offset & (half - r) >> 63);
                }
            } else {
                for (int k = 0; k < lifted.length; k++) {
                    long r = remainder[k];
                    lifted[k] = qi.reduce(r + (offset & (half - r) >> 63));
                }
            }
            ring.forwardRow(i, lifted);
            ring.subtractAndScaleRow(i, poly.row(i), lifted, qi.inverse(pModQ), addend == null ? null : addend.row(i));
        }
        return result;
    }

    /**
     * d (NTT form, level l) switched by the key, plus addend0 and addend1 where not null (the ciphertext parts
     * the result is added to, in the division's pass): two polynomials at level l whose sum with s-weights is d s'.
     * Each digit [d]_(q_j) is brought to coefficients once, then for each target prime every digit is lifted
     * and transformed, and the digits' products with the key are summed with one reduction per coefficient
     * ({@link LazyInnerProduct}); the sums over Q_l P are divided by P.
     */
    private RnsPoly[] keySwitch(RnsPoly d, int level, SwitchingKey key, RnsPoly addend0, RnsPoly addend1) {
        int digits = level + 1;
        int rows = level + 2;
        int n = ring.degree();
        Scratch work = scratch.get();
        long[][] coefficients = work.coefficients;
        for (int j = 0; j < digits; j++) {
            ring.inverseRow(j, d.row(j), coefficients[j]);
        }
        RnsPoly acc0 = work.sum0.prefix(rows);
        RnsPoly acc1 = work.sum1.prefix(rows);
        long[][] buffers = work.lifted;
        long[][] lifted = new long[digits][];
        long[][] b = new long[digits][];
        long[][] a = new long[digits][];
        LazyInnerProduct products = work.products;
        for (int row = 0; row < rows; row++) {
            int prime = row <= level ? row : special;
            Modulus m = ring.modulus(prime);
            for (int j = 0; j < digits; j++) {
                if (prime == j) {
                    lifted[j] = d.row(j);
                } else if (ring.modulus(j).value() <= 4 * m.value()) {
                    // Residues modulo q_j are already valid (lazy) inputs of the NTT modulo this prime.
                    ring.forwardRow(prime, coefficients[j], buffers[j]);
                    lifted[j] = buffers[j];
                } else {
                    long[] buffer = buffers[j];
                    long[] coefficient = coefficients[j];
                    for (int k = 0; k < n; k++) {
                        buffer[k] = m.reduce(coefficient[k]);
                    }
                    ring.forwardRow(prime, buffer);
                    lifted[j] = buffer;
                }
                b[j] = key.b().get(j).row(prime);
                a[j] = key.a().get(j).row(prime);
            }
            products.pair(m, lifted, b, a, digits, acc0.row(row), acc1.row(row));
        }
        return new RnsPoly[] {divideByLastPrime(acc0, level + 1, special, level + 1, addend0),
            divideByLastPrime(acc1, level + 1, special, level + 1, addend1)};
    }

    private static void requireMatching(Ciphertext x, Ciphertext y) {
        requireLevel(x.level(), y.level());
        requireScale(x.scale(), y.scale());
    }

    private static void requireLevel(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("operands at levels " + a + " and " + b + ": bring them to the same level first");
        }
    }

    private static void requireScale(double a, double b) {
        if (Math.abs(a - b) > SCALE_TOLERANCE * Math.max(a, b)) {
            throw new IllegalArgumentException("operands at scales 2^" + Math.log(a) / Math.log(2) + " and 2^" + Math.log(b) / Math.log(2));
        }
    }
}
