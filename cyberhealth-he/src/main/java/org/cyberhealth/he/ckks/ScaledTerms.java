package org.cyberhealth.he.ckks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps both polynomial methods are built of, with exact scale bookkeeping: a constant times a power is
 * encoded at the scale that makes the term's scale exactly the one asked for, so terms from different levels
 * add without a scale error. The scales a product or a rescaling computes in double arithmetic differ from
 * the intended one by rounding only (relative 1e-16); {@link #declared} replaces them by the intended value
 * and fails loudly if the difference is more than rounding, which would be a bookkeeping bug. Counts the
 * ciphertext-ciphertext products, the expensive (key-switching) operation the methods differ in.
 */
final class ScaledTerms {

    private static final double ROUNDING = 1e-12;

    private final CkksParameters parameters;
    private final Encoder encoder;
    private final Evaluator evaluator;
    private final SwitchingKey relinearisation;
    private final AtomicLong products = new AtomicLong();

    ScaledTerms(CkksParameters parameters, Encoder encoder, Evaluator evaluator, SwitchingKey relinearisation) {
        this.parameters = parameters;
        this.encoder = encoder;
        this.evaluator = evaluator;
        this.relinearisation = relinearisation;
    }

    /** a b relinearised, both first brought to the lower of their levels; not rescaled (scale a.scale b.scale). */
    Ciphertext product(Ciphertext a, Ciphertext b) {
        int level = Math.min(a.level(), b.level());
        products.incrementAndGet();
        return evaluator.relinearise(evaluator.multiply(at(a, level), at(b, level)), relinearisation);
    }

    /** c x at {@code level} with scale exactly {@code scale}: the constant is encoded at scale / x.scale. */
    Ciphertext times(Ciphertext x, double c, int level, double scale) {
        Plaintext constant = encoder.encodeConstant(c, level, scale / x.scale());
        return declared(evaluator.multiplyPlain(at(x, level), constant), scale);
    }

    /** x + c, the constant at x's level and scale. */
    Ciphertext plus(Ciphertext x, double c) {
        return c == 0 ? x : evaluator.addPlain(x, encoder.encodeConstant(c, x.level(), x.scale()));
    }

    /** x + y where either may be null (a part whose coefficients were all zero). */
    Ciphertext sum(Ciphertext x, Ciphertext y) {
        return x == null ? y : y == null ? x : evaluator.add(x, y);
    }

    Ciphertext rescale(Ciphertext x) {
        return evaluator.rescale(x);
    }

    /** The prime a rescaling from {@code level} divides by. */
    double prime(int level) {
        return parameters.chain().get(level);
    }

    /** x with its scale set to {@code scale}, which it must equal up to rounding. */
    Ciphertext declared(Ciphertext x, double scale) {
        if (Math.abs(x.scale() - scale) > ROUNDING * scale) {
            throw new IllegalStateException("scale 2^" + Math.log(x.scale()) / Math.log(2) + " where 2^" + Math.log(scale) / Math.log(2) + " was planned");
        }
        return new Ciphertext(x.parts(), x.level(), scale);
    }

    Ciphertext at(Ciphertext x, int level) {
        return x.level() == level ? x : evaluator.dropToLevel(x, level);
    }

    long products() {
        return products.get();
    }
}
