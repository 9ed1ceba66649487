package org.cyberhealth.assess.defence;

/**
 * Probabilities rounded to {@code decimals} decimal places (Tramer et al. 2016, section 8: rounding confidences to a few
 * decimals slows their equation-solving and path-finding attacks). Plain rounding can tie the top class with another
 * (0.504 and 0.496 both become 0.5) and so change the label; here every other class is rounded down and the top class
 * takes the rest, 1 minus their sum: still multiples of 10^-decimals summing to 1, and the top class stays strictly on
 * top unless it was tied before.
 */
public final class Rounding implements OutputPostProcessing {

    private final int decimals;
    private final double scale;

    public Rounding(int decimals) {
        if (decimals < 0 || decimals > 6) {
            throw new IllegalArgumentException("decimals must be 0 to 6 (a float holds about 7)");
        }
        this.decimals = decimals;
        this.scale = Math.pow(10, decimals);
    }

    @Override
    public float[] apply(float[] probabilities, float[] image) {
        int top = OutputPostProcessing.top(probabilities);
        float[] out = new float[probabilities.length];
        long others = 0;
        for (int c = 0; c < probabilities.length; c++) {
            if (c != top) {
                long units = (long) Math.floor(probabilities[c] * scale);
                out[c] = (float) (units / scale);
                others += units;
            }
        }
        out[top] = (float) ((Math.round(scale) - others) / scale);
        return out;
    }

    @Override
    public String describe() {
        return "rounded to " + decimals + " decimal" + (decimals == 1 ? "" : "s");
    }
}
