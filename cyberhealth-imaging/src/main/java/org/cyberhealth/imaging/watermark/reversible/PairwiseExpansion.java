package org.cyberhealth.imaging.watermark.reversible;

/**
 * Pairwise prediction-error expansion (Ou, Li, Zhao, Yu, Zhang, "Pairwise prediction-error expansion
 * for efficient reversible data hiding", IEEE TIP 22(12):5010-5021, 2013) for the smoothest classes:
 * two consecutive samples of the ranking are modified jointly. In mirrored coordinates
 * ({@code a = e} for {@code e >= 0}, {@code a = -1 - e} otherwise, so signs are kept) the mapping is
 * <ul>
 *   <li>(0,0) to (0,0) for bit 0, to (1,0) / (0,1) for bits 10 / 11: 1.5 bits for 0.5 expected squared error;</li>
 *   <li>(1,0) to (2,0) / (2,1) and (0,1) to (0,2) / (1,2): one bit;</li>
 *   <li>(1,1) stays: the point 1-D expansion of both errors would have moved to (2,2);</li>
 *   <li>(a,0) with a &gt;= 2 to (a+1,0), (0,b) with b &gt;= 2 to (0,b+1), every other pair to (a+1,b+1).</li>
 * </ul>
 * Compared with expanding bins -1 and 0 of each error separately (Li et al. 2015), the pair (0,0)
 * carries 1.5 bits for 0.5 instead of 2 bits for 1, and (1,1) costs nothing instead of 2. A sample
 * left without a partner is modified by that 1-D expansion ({@link #SINGLE}).
 */
final class PairwiseExpansion {

    /** The 1-D expansion for an unpaired sample: bins -1 and 0. */
    static final MirroredExpansion SINGLE = new MirroredExpansion(HalfMapping.bin(0), HalfMapping.bin(0));

    private PairwiseExpansion() {
    }

    static int mirror(int e) {
        return e >= 0 ? e : -1 - e;
    }

    /** Back from mirrored coordinates, on the side of the original error {@code signOf}. */
    static int unmirror(int m, int signOf) {
        return signOf >= 0 ? m : -1 - m;
    }

    /** How many payload bits the pair (a, b) takes, given its first bit. */
    static int bitsUsed(int a, int b, int firstBit) {
        if (a == 0 && b == 0) {
            return firstBit == 0 ? 1 : 2;
        }
        return a + b == 1 ? 1 : 0;
    }

    /** The marked pair, packed as {@code a' << 32 | b'}. */
    static long mark(int a, int b, int first, int second) {
        if (a == 0 && b == 0) {
            return first == 0 ? pack(0, 0) : second == 0 ? pack(1, 0) : pack(0, 1);
        }
        if (a == 1 && b == 0) {
            return pack(2, first);
        }
        if (a == 0 && b == 1) {
            return pack(first, 2);
        }
        if (a == 1 && b == 1) {
            return pack(1, 1);
        }
        if (b == 0) {
            return pack(a + 1, 0);
        }
        if (a == 0) {
            return pack(0, b + 1);
        }
        return pack(a + 1, b + 1);
    }

    /** The original pair behind a marked one, packed, or -1 if no pair marks to it. */
    static long restore(int a, int b) {
        if (a <= 1 && b <= 1 && a + b <= 1) {
            return pack(0, 0);
        }
        if (a == 2 && b <= 1) {
            return pack(1, 0);
        }
        if (b == 2 && a <= 1) {
            return pack(0, 1);
        }
        if (a == 1 && b == 1) {
            return pack(1, 1);
        }
        if (b == 0) {
            return pack(a - 1, 0);
        }
        if (a == 0) {
            return pack(0, b - 1);
        }
        if (a >= 2 && b >= 2 && !(a == 2 && b == 2)) {
            return pack(a - 1, b - 1);
        }
        return -1;
    }

    /** The bits a marked pair carries, as {@code count << 2 | value} (value most significant bit first). */
    static int carried(int a, int b) {
        if (a == 0 && b == 0) {
            return 1 << 2;
        }
        if (a + b == 1 && a <= 1 && b <= 1) {
            return 2 << 2 | (a == 1 ? 0b10 : 0b11);
        }
        if (a == 2 && b <= 1 || b == 2 && a <= 1) {
            return 1 << 2 | (a == 2 ? b : a);
        }
        return 0;
    }

    static int first(long packed) {
        return (int) (packed >> 32);
    }

    static int second(long packed) {
        return (int) packed;
    }

    private static long pack(int a, int b) {
        return (long) a << 32 | (b & 0xFFFFFFFFL);
    }
}
