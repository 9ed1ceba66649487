package org.cyberhealth.he.nn;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.he.more.FloatMore;
import org.cyberhealth.he.more.Matrix2;
import org.cyberhealth.he.more.ModularMore;

/**
 * A network evaluated on MORE ciphertexts, one 2x2 matrix per value, as Vizitiu et al. run networks on
 * medical data (Comput. Math. Methods Med. 2020): affine maps are scalings and sums of ciphertexts,
 * activations are ciphertext products. Two variants: {@link #floating} over doubles ({@link FloatMore}, the
 * papers' choice) and {@link #modular} over Z_N ({@link ModularMore}, Kipnis and Hibshoosh), where reals
 * travel as fixed-point integers whose scale grows with each product (N is large enough to hold it).
 *
 * <p><b>Insecure.</b> MORE falls to one known plaintext, and the floating-point variant to ciphertexts
 * alone ({@link org.cyberhealth.he.more.KnownPlaintextAttack}, {@link org.cyberhealth.he.more.EigenvectorAttack}):
 * it is here as the fast baseline those papers measured, never to protect patient data.
 */
public final class MoreInference {

    /** The operations a network needs, on ciphertexts of type C. */
    public interface Arithmetic<C> {
        C add(C x, C y);

        C multiply(C x, C y);

        C scale(C x, double factor);

        C addConstant(C x, double constant);
    }

    private MoreInference() {}

    /** The network on encrypted inputs: what a server holding the (plain) weights computes. */
    public static <C> List<C> evaluate(HeModel model, List<C> input, Arithmetic<C> arithmetic) {
        List<C> x = input;
        for (Layer layer : model.layers()) {
            x = layer instanceof Layer.Affine affine ? affine(affine, x, arithmetic) : activation((Layer.Polynomial) layer, x, arithmetic);
        }
        return x;
    }

    private static <C> List<C> affine(Layer.Affine layer, List<C> x, Arithmetic<C> arithmetic) {
        List<C> y = new ArrayList<>(layer.outputSize());
        for (int r = 0; r < layer.outputSize(); r++) {
            C sum = null;
            for (int c = 0; c < x.size(); c++) {
                double w = layer.weights()[r][c];
                if (w != 0) {
                    C term = arithmetic.scale(x.get(c), w);
                    sum = sum == null ? term : arithmetic.add(sum, term);
                }
            }
            if (sum == null) {
                sum = arithmetic.scale(x.get(0), 0);
            }
            y.add(arithmetic.addConstant(sum, layer.bias()[r]));
        }
        return y;
    }

    /** Horner's rule: ((c_d x + c_(d-1)) x + ...) x + c_0. */
    private static <C> List<C> activation(Layer.Polynomial polynomial, List<C> x, Arithmetic<C> arithmetic) {
        double[] c = polynomial.coefficients();
        List<C> y = new ArrayList<>(x.size());
        for (C value : x) {
            C result = arithmetic.scale(value, c[c.length - 1]);
            for (int i = c.length - 2; i >= 1; i--) {
                result = arithmetic.multiply(arithmetic.addConstant(result, c[i]), value);
            }
            y.add(arithmetic.addConstant(result, c[0]));
        }
        return y;
    }

    /** Floating-point MORE: the ciphertexts are real 2x2 matrices. */
    public static Arithmetic<Matrix2> floating() {
        return new Arithmetic<>() {
            @Override
            public Matrix2 add(Matrix2 x, Matrix2 y) {
                return x.plus(y);
            }

            @Override
            public Matrix2 multiply(Matrix2 x, Matrix2 y) {
                return x.times(y);
            }

            @Override
            public Matrix2 scale(Matrix2 x, double factor) {
                return x.scaled(factor);
            }

            @Override
            public Matrix2 addConstant(Matrix2 x, double constant) {
                return x.plusConstant(constant);
            }
        };
    }

    /** A Z_N ciphertext of a fixed-point value: the integer is the real times 2^bits. */
    public record Fixed(BigInteger[] matrix, int bits) {}

    /**
     * MORE over Z_N with reals as fixed-point integers: weights and constants are rounded to
     * {@code fractionBits} bits; a product adds the scales, so N must exceed the network's final scale
     * times its largest output (the benchmark's 1024-bit N holds hundreds of bits of scale).
     */
    public static Arithmetic<Fixed> modular(BigInteger modulus, int fractionBits) {
        return new Arithmetic<>() {
            @Override
            public Fixed add(Fixed x, Fixed y) {
                if (x.bits() != y.bits()) {
                    throw new IllegalArgumentException("fixed-point values of different scales");
                }
                return new Fixed(ModularMore.add(x.matrix(), y.matrix(), modulus), x.bits());
            }

            @Override
            public Fixed multiply(Fixed x, Fixed y) {
                return new Fixed(ModularMore.multiply(x.matrix(), y.matrix(), modulus), x.bits() + y.bits());
            }

            @Override
            public Fixed scale(Fixed x, double factor) {
                BigInteger f = fixed(factor, fractionBits).mod(modulus);
                BigInteger[] m = x.matrix();
                return new Fixed(new BigInteger[] {m[0].multiply(f).mod(modulus), m[1].multiply(f).mod(modulus),
                    m[2].multiply(f).mod(modulus), m[3].multiply(f).mod(modulus)}, x.bits() + fractionBits);
            }

            @Override
            public Fixed addConstant(Fixed x, double constant) {
                BigInteger c = fixed(constant, x.bits()).mod(modulus);
                BigInteger[] m = x.matrix();
                return new Fixed(new BigInteger[] {m[0].add(c).mod(modulus), m[1], m[2], m[3].add(c).mod(modulus)}, x.bits());
            }
        };
    }

    /** round(value * 2^bits) as an integer, exactly (no overflow however large the scale). */
    public static BigInteger fixed(double value, int bits) {
        return new java.math.BigDecimal(value).multiply(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(bits)))
                .setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** The real a decrypted Z_N integer stands for: centred (the upper half of Z_N is negative), divided by 2^bits. */
    public static double real(BigInteger decrypted, BigInteger modulus, int bits) {
        BigInteger centred = decrypted.compareTo(modulus.shiftRight(1)) > 0 ? decrypted.subtract(modulus) : decrypted;
        return new java.math.BigDecimal(centred).divide(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(bits))).doubleValue();
    }
}
