package org.cyberhealth.he.ring;

/**
 * Whether the Vector API kernels ({@link VectorNtt}, {@link VectorProducts}) may run: the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, the hardware has eight 64-bit lanes (AVX-512; with fewer,
 * 64-bit products are emulated and slower than scalar code), the modulus is below 2^49 (the bound of their
 * floating-point quotient estimate) and rows are whole vectors. This class names no incubator type, so it
 * loads, and answers false, without the module.
 */
final class VectorSupport {

    static final int LANES = 8;
    private static final int MAX_BITS = 49;
    private static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorNtt.hardware();

    private VectorSupport() {}

    /** For rows of {@code length} residues modulo {@code modulus}. */
    static boolean usable(Modulus modulus, int length) {
        return PRESENT && modulus.bits() <= MAX_BITS && length % LANES == 0;
    }
}
