package org.cyberhealth.imaging.watermark.reversible;

/**
 * Scratch arrays kept per thread and reused from block to block: the ranking of every layer of every
 * block needs a few window-sized arrays, and allocating (and zeroing) them each time cost as much as
 * the computation itself. A buffer's contents are whatever its last user left; it is valid until the
 * same slot is asked for again on the same thread, so callers use it within one call and never keep it.
 */
final class ThreadBuffers {

    static final int DOWN_RIGHT = 0;
    static final int DOWN_LEFT = 1;
    static final int BOTH_DIAGONALS = 2;
    static final int RING_SUMS = 3;
    static final int SHIFTED_A = 4;
    static final int SHIFTED_B = 5;
    static final int SHIFTED_C = 6;
    static final int SHIFTED_D = 7;
    static final int HALF_SUMS = 8;
    static final int SORT_KEYS_INT = 9;
    static final int SORT_SCRATCH_INT = 10;
    /** A dry walk's notes of its moves: all 0 between walks (each walk clears what it wrote). */
    static final int WALK_MOVES = 11;
    static final int SORT_KEYS = 0;
    static final int SORT_SCRATCH = 1;
    static final int PLAN_DISTORTION = 0;
    static final int PLAN_SIDE_BITS = 1;

    private static final ThreadLocal<ThreadBuffers> OF_THREAD = ThreadLocal.withInitial(ThreadBuffers::new);

    private final int[][] ints = new int[12][];
    private final long[][] longs = new long[2][];
    private final double[][] doubles = new double[2][];

    private ThreadBuffers() {
    }

    /** This thread's int buffer {@code slot}, at least {@code length} long. */
    static int[] ints(int slot, int length) {
        int[][] ints = OF_THREAD.get().ints;
        if (ints[slot] == null || ints[slot].length < length) {
            ints[slot] = new int[length];
        }
        return ints[slot];
    }

    /** This thread's double buffer {@code slot}, at least {@code length} long. */
    static double[] doubles(int slot, int length) {
        double[][] doubles = OF_THREAD.get().doubles;
        if (doubles[slot] == null || doubles[slot].length < length) {
            doubles[slot] = new double[length];
        }
        return doubles[slot];
    }

    /** This thread's long buffer {@code slot}, at least {@code length} long. */
    static long[] longs(int slot, int length) {
        long[][] longs = OF_THREAD.get().longs;
        if (longs[slot] == null || longs[slot].length < length) {
            longs[slot] = new long[length];
        }
        return longs[slot];
    }
}
