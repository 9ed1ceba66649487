package org.cyberhealth.he.nn;

/**
 * How samples sit in a ciphertext's slots: each sample takes a block of 2n slots (n the model's widest
 * vector rounded up to a power of two) holding its vector twice, [x, x]. A rotation by i < n then reads
 * x[(t + i) mod n] at every position t < n of every block without touching the next sample, which is
 * what the diagonal method needs; as many samples as blocks are evaluated at once (batching).
 */
public record SlotLayout(int width, int slots) {

    public SlotLayout {
        if (Integer.bitCount(width) != 1 || 2 * width > slots) {
            throw new IllegalArgumentException("a block of 2 x " + width + " slots does not fit in " + slots);
        }
    }

    public static SlotLayout forModel(HeModel model, int slots) {
        return new SlotLayout(roundUp(model.widest()), slots);
    }

    private static int roundUp(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    public int block() {
        return 2 * width;
    }

    /** Samples per ciphertext. */
    public int capacity() {
        return slots / block();
    }

    /** Slot values for up to {@link #capacity} samples, each written twice into its block. */
    public double[] pack(double[][] samples) {
        if (samples.length > capacity()) {
            throw new IllegalArgumentException("at most " + capacity() + " samples per ciphertext, got " + samples.length);
        }
        double[] slotValues = new double[slots];
        for (int b = 0; b < samples.length; b++) {
            if (samples[b].length > width) {
                throw new IllegalArgumentException("a sample of " + samples[b].length + " values does not fit a block of " + width);
            }
            System.arraycopy(samples[b], 0, slotValues, b * block(), samples[b].length);
            System.arraycopy(samples[b], 0, slotValues, b * block() + width, samples[b].length);
        }
        return slotValues;
    }

    /** The first {@code size} values of each of {@code count} samples. */
    public double[][] unpack(double[] slotValues, int count, int size) {
        double[][] samples = new double[count][size];
        for (int b = 0; b < count; b++) {
            System.arraycopy(slotValues, b * block(), samples[b], 0, size);
        }
        return samples;
    }
}
