package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * One layer of a sorted prediction-error-expansion embedding: its samples in ranked order, the first
 * {@code usable} of which may carry bits, and the bits to hide there. Embedding walks the ranks and stops
 * right after the last bit is in, so later samples stay untouched. A sample whose marking could leave
 * the legal range is left alone; every visited sample whose marked value could be such a sample gets a
 * location-map flag, so that the extractor can tell them apart.
 */
final class LayerPass {

    /**
     * The outcome of walking the layer: how far it went, the location-map flags, the squared error, and
     * how many bits it carried (all of them when complete).
     */
    record Walk(int end, Bits flags, long distortion, int carried, boolean complete) {
    }

    private final RhombusWindow window;
    private final int[] ranked;
    private final int usable;
    private final Bits bits;

    LayerPass(RhombusWindow window, int[] ranked, int usable, Bits bits) {
        this.window = window;
        this.ranked = ranked;
        this.usable = usable;
        this.bits = bits;
    }

    int usable() {
        return usable;
    }

    int bitsToCarry() {
        return bits == null ? 0 : bits.length();
    }

    /** The prediction error of the sample at {@code rank}, in the window's current state. */
    int error(int rank) {
        int p = ranked[rank];
        return window.values[p] - window.predict(p);
    }

    /** Whether the sample at {@code rank} is too close to the range limits to be marked under {@code expansion}. */
    boolean overflows(int rank, ErrorExpansion expansion) {
        int p = ranked[rank];
        int u = window.predict(p);
        return overflows(u, window.values[p] - u, expansion);
    }

    private boolean overflows(int u, int e, ErrorExpansion expansion) {
        return !window.inRange(u + expansion.mark(e, 0)) || !window.inRange(u + expansion.mark(e, 1));
    }

    /** Walks the layer under {@code rule}, writing the marked samples when asked (only sensible when it completes). */
    Walk embed(LayerRule rule, boolean write) {
        int need = bitsToCarry();
        int carried = 0;
        long distortion = 0;
        Bits flags = new Bits(16);
        int[] values = window.values;
        for (int rank = 0; rank < usable; rank++) {
            if (carried == need) {
                return new Walk(rank, flags, distortion, carried, true);
            }
            ErrorExpansion expansion = rule.at(rank);
            int p = ranked[rank];
            int u = window.predict(p);
            int e = values[p] - u;
            if (overflows(u, e, expansion)) {
                flags.append(true);
                continue;
            }
            int bit = 0;
            if (expansion.carries(e)) {
                bit = bits.bit(carried++);
            }
            int marked = expansion.mark(e, bit);
            if (overflows(u, marked, expansion)) {
                flags.append(false);
            }
            distortion += (long) (marked - e) * (marked - e);
            if (write) {
                values[p] = u + marked;
            }
        }
        return new Walk(usable, flags, distortion, carried, carried == need);
    }

    /** Undoes {@link #embed} over the first {@code end} ranks and returns the hidden bits. */
    Bits extract(LayerRule rule, int end, Bits flags) {
        if (end > usable) {
            throw new ExtractionException("no valid reversible watermark: embedding end beyond the region");
        }
        Bits out = new Bits(Math.max(64, end));
        int flagIndex = 0;
        int[] values = window.values;
        for (int rank = 0; rank < end; rank++) {
            ErrorExpansion expansion = rule.at(rank);
            int p = ranked[rank];
            int u = window.predict(p);
            int marked = values[p] - u;
            if (overflows(u, marked, expansion)) {
                if (flagIndex >= flags.length()) {
                    throw new ExtractionException("no valid reversible watermark: location map too short");
                }
                if (flags.get(flagIndex++)) {
                    continue;
                }
            }
            int bit = expansion.bit(marked);
            if (bit >= 0) {
                out.append(bit == 1);
            }
            int original = u + expansion.restore(marked);
            if (!window.inRange(original)) {
                throw new ExtractionException("no valid reversible watermark: restored sample out of range");
            }
            values[p] = original;
        }
        if (flagIndex != flags.length()) {
            throw new ExtractionException("no valid reversible watermark: location map does not match");
        }
        return out;
    }
}
