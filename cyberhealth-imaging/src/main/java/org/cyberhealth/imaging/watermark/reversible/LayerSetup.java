package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * How a layer is predicted and which samples it leaves alone near the range limits, as the side
 * information of a whole-image layer says (blocks always use {@link #BLOCK}, which is not written):
 * <ul>
 *   <li>the prediction: the rhombus mean floored after adding {@code rounding} quarters (0 is Sachnev's
 *       floor; images whose errors lean to one side, e.g. Crowd, gain up to 0.8 dB with 3), or a
 *       {@link LocalPrediction}, which carries its own offset;</li>
 *   <li>the guard: a sample predicted within {@code guard} of the minimum keeps its value when its error
 *       is negative, one predicted within {@code guard} of the maximum when its error is non-negative.
 *       Marking keeps an error's sign, so the extractor, which knows the prediction, skips the same
 *       samples. In images with clipped noise (Man: 4 % of its samples at 0) those are the samples that
 *       would leave the range, and the location map that lists them cost about a sixth of the payload;
 *       the guard drops them from the map at the price of the little they could carry. -1: no guard.</li>
 * </ul>
 */
record LayerSetup(int rounding, LocalPrediction.Parameters local, int guard) {

    static final int NO_GUARD = -1;

    /** Sachnev's rhombus prediction, no guard: the setup of every block. */
    static final LayerSetup BLOCK = new LayerSetup(0, null, NO_GUARD);

    static LayerSetup rhombus(int rounding, int guard) {
        return new LayerSetup(rounding, null, guard);
    }

    static LayerSetup local(LocalPrediction.Parameters local, int guard) {
        return new LayerSetup(0, local, guard);
    }

    LayerSetup withGuard(int otherGuard) {
        return new LayerSetup(rounding, local, otherGuard);
    }

    LayerSetup withLocal(LocalPrediction.Parameters otherLocal) {
        return new LayerSetup(rounding, otherLocal, guard);
    }

    /** A bit (local or rhombus), the rhombus rounding or the local prediction's parameters, the guard plus two (Elias gamma). */
    void write(Bits out) {
        out.append(local != null);
        if (local != null) {
            local.write(out);
        } else {
            out.append(rounding, 2);
        }
        BitReader.gamma(out, guard + 2);
    }

    /** Reads what {@link #write} wrote; a guard wider than the sample range is no embedding's. */
    static LayerSetup read(BitReader in, RhombusWindow window) {
        boolean isLocal = in.bit() == 1;
        LocalPrediction.Parameters local = isLocal ? LocalPrediction.Parameters.read(in) : null;
        int rounding = isLocal ? 0 : in.read(2);
        int guard = in.gamma() - 2;
        if (guard > window.maxValue - window.minValue) {
            throw new ExtractionException("no valid reversible watermark: guard beyond the sample range");
        }
        return new LayerSetup(rounding, local, guard);
    }
}
