package org.cyberhealth.he.ckks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsBasis;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * Encodes up to N/2 complex (or real) numbers into a plaintext polynomial and back: the inverse canonical
 * embedding ({@link SlotTransform}) scaled by Delta and rounded to integers. Rounding costs about
 * sqrt(N)/Delta of precision; a value times Delta must stay below 2^62.
 */
public final class Encoder {

    private static final double LIMIT = Math.scalb(1.0, 62);
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final CkksParameters parameters;
    private final Ring ring;
    private final SlotTransform transform;

    public Encoder(CkksParameters parameters, Ring ring) {
        this.parameters = parameters;
        this.ring = ring;
        transform = new SlotTransform(parameters.ringDegree());
    }

    /** Real values in the first slots (the others zero), at {@code level} and scale {@code scale}, in NTT form. */
    public Plaintext encode(double[] values, int level, double scale) {
        return encode(values, new double[values.length], level, scale);
    }

    public Plaintext encode(double[] re, double[] im, int level, double scale) {
        int slots = transform.slots();
        if (re.length > slots || im.length != re.length) {
            throw new IllegalArgumentException("at most " + slots + " slots (real and imaginary parts of equal length), got " + re.length);
        }
        if (level < 0 || level > parameters.maxLevel()) {
            throw new IllegalArgumentException("level " + level + " is outside 0.." + parameters.maxLevel());
        }
        double[] wRe = new double[slots];
        double[] wIm = new double[slots];
        System.arraycopy(re, 0, wRe, 0, re.length);
        System.arraycopy(im, 0, wIm, 0, im.length);
        transform.toCoefficients(wRe, wIm);
        long[] coefficients = new long[parameters.ringDegree()];
        for (int k = 0; k < slots; k++) {
            coefficients[k] = scaled(wRe[k], scale);
            coefficients[k + slots] = scaled(wIm[k], scale);
        }
        RnsPoly poly = ring.fromSigned(coefficients, level + 1);
        ring.forward(poly);
        return new Plaintext(poly, level, scale);
    }

    /**
     * {@code value} in every slot: the constant polynomial round(value * scale), whose NTT form is that number
     * in every position, so no transform is needed; the rounding is exact in BigDecimal, so the scale may
     * exceed 2^62 (Paterson-Stockmeyer adds constants to products at about 2^80 before rescaling them).
     */
    public Plaintext encodeConstant(double value, int level, double scale) {
        if (level < 0 || level > parameters.maxLevel()) {
            throw new IllegalArgumentException("level " + level + " is outside 0.." + parameters.maxLevel());
        }
        if (!Double.isFinite(value) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("a constant and its scale must be finite");
        }
        // floor(x + 1/2), as Math.round in encode, so both encodings of a constant agree.
        BigInteger rounded = new BigDecimal(value).multiply(new BigDecimal(scale)).add(HALF).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        BigInteger modulus = BigInteger.ONE;
        for (int i = 0; i <= level; i++) {
            modulus = modulus.multiply(BigInteger.valueOf(ring.modulus(i).value()));
        }
        if (rounded.abs().shiftLeft(1).compareTo(modulus) >= 0) {
            throw new IllegalArgumentException("a constant times the scale must stay below half the modulus of level " + level);
        }
        RnsPoly poly = ring.zero(level + 1, true);
        for (int i = 0; i <= level; i++) {
            Arrays.fill(poly.row(i), rounded.mod(BigInteger.valueOf(ring.modulus(i).value())).longValue());
        }
        return new Plaintext(poly, level, scale);
    }

    private static long scaled(double value, double scale) {
        double x = value * scale;
        if (!(Math.abs(x) < LIMIT)) {
            throw new IllegalArgumentException("a value times the scale exceeds 2^62 (or is not finite): lower the scale or the values");
        }
        return Math.round(x);
    }

    /** The slot values (real and imaginary parts) of a plaintext. */
    public double[][] decode(Plaintext plaintext) {
        RnsPoly poly = plaintext.poly().copy();
        if (poly.isNtt()) {
            ring.inverse(poly);
        }
        RnsBasis basis = ring.basis(poly.primes());
        int slots = transform.slots();
        double[] re = new double[slots];
        double[] im = new double[slots];
        long[] residues = new long[poly.primes()];
        for (int k = 0; k < parameters.ringDegree(); k++) {
            for (int i = 0; i < residues.length; i++) {
                residues[i] = poly.row(i)[k];
            }
            double value = centred(basis, residues) / plaintext.scale();
            if (k < slots) {
                re[k] = value;
            } else {
                im[k - slots] = value;
            }
        }
        transform.toSlots(re, im);
        return new double[][] {re, im};
    }

    private static double centred(RnsBasis basis, long[] residues) {
        if (residues.length == 1) {
            long q = basis.moduli().get(0).value();
            long r = residues[0];
            return r > q / 2 ? r - q : r;
        }
        BigInteger x = basis.composeCentred(residues);
        return x.doubleValue();
    }
}
