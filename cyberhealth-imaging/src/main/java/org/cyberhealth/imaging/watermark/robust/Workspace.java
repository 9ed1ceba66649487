package org.cyberhealth.imaging.watermark.robust;

import java.lang.ref.SoftReference;
import java.util.EnumMap;
import java.util.Map;

/**
 * The large arrays that embedding or reading a robust mark needs, one element per zone, kept per thread
 * from one mark to the next: allocating and zeroing them afresh (some 6 MB on a 1024x1024 picture, and
 * G1 allocates an array of 2 MB or more, the embedder's score terms, as a humongous object) was a tenth of
 * a robust embedding. A study's slices share one size, so a thread mostly reuses what it has.
 *
 * <p>An array handed out holds whatever its last user left in it: every user writes each element it
 * reads first. Each array has one user at a time, which keeps it until the next request for the same
 * array on the same thread (marking and reading never nest). The arrays are held softly, so that the
 * idle threads of a pool do not pin them when memory runs short.
 */
final class Workspace {

    /** The double arrays, by user. */
    enum Doubles { DIFFERENCE, SHIFT_GAIN, NATURAL_NOISE, NOISES, SCORE_TERMS, LAST_SCORE }

    /** The int arrays, by user. */
    enum Ints { LOWEST, HIGHEST, HEADROOM, ROOMS, MOVED_ROOM }

    private static final ThreadLocal<SoftReference<Workspace>> OF_THREAD = new ThreadLocal<>();

    private final Map<Doubles, double[]> doubles = new EnumMap<>(Doubles.class);
    private final Map<Ints, int[]> ints = new EnumMap<>(Ints.class);
    private boolean[] clipped = new boolean[0];
    private long[] keys = new long[0];

    private Workspace() {}

    /** This thread's workspace. */
    static Workspace ofThisThread() {
        SoftReference<Workspace> held = OF_THREAD.get();
        Workspace workspace = held == null ? null : held.get();
        if (workspace == null) {
            workspace = new Workspace();
            OF_THREAD.set(new SoftReference<>(workspace));
        }
        return workspace;
    }

    /** The array {@code which} of {@code length} doubles, holding anything. */
    double[] doubles(Doubles which, int length) {
        double[] array = doubles.get(which);
        if (array == null || array.length != length) {
            array = new double[length];
            doubles.put(which, array);
        }
        return array;
    }

    /** The array {@code which} of {@code length} ints, holding anything. */
    int[] ints(Ints which, int length) {
        int[] array = ints.get(which);
        if (array == null || array.length != length) {
            array = new int[length];
            ints.put(which, array);
        }
        return array;
    }

    /** The zones' clipped flags, {@code length} of them, holding anything. */
    boolean[] clipped(int length) {
        if (clipped.length != length) {
            clipped = new boolean[length];
        }
        return clipped;
    }

    /** At least {@code length} longs for {@link OrderStatistic}'s keys, holding anything. */
    long[] keys(int length) {
        if (keys.length < length) {
            keys = new long[length];
        }
        return keys;
    }
}
