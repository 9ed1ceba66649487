package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A transformation the gateway applies to the declared weights before they leave, to destroy what may hide in
 * their least useful bits. Each costs some Dice; the benchmark measures how much, and what is left of the attack.
 * Re-encoding the declared tensors (which every sanitiser's output goes through) also drops anything appended. Fine-tuning
 * ({@link LayerwiseFineTuning}) needs the task's training data, so it is built by the caller, not parsed here.
 */
public sealed interface Sanitiser permits Sanitiser.MantissaRounding, Sanitiser.Int8Quantisation, Sanitiser.ParameterNoise, LayerwiseFineTuning,
        Sanitiser.Chain {

    String name();

    /** New weights; the input is not modified. */
    List<float[]> apply(List<float[]> weights);

    /** The single transformations this one applies, in order. */
    default List<Sanitiser> steps() {
        return List.of(this);
    }

    /**
     * Several sanitisers, one after the other. Each covers what another leaves: fine-tuning rewrites every weight that
     * learns but cannot move those of channels the task never opens (30% of abdomen-unet's keep their low bits), while
     * rounding clears the low bits of every weight, learning or not.
     */
    record Chain(List<Sanitiser> steps) implements Sanitiser {

        public Chain {
            if (steps.size() < 2 || steps.stream().anyMatch(s -> s instanceof Chain)) {
                throw new IllegalArgumentException("a chain has two sanitisers or more, none of them a chain");
            }
            steps = List.copyOf(steps);
        }

        @Override
        public String name() {
            return String.join(", then ", steps.stream().map(Sanitiser::name).toList());
        }

        @Override
        public List<float[]> apply(List<float[]> weights) {
            List<float[]> out = weights;
            for (Sanitiser step : steps) {
                out = step.apply(out);
            }
            return out;
        }
    }

    /** Parses {@code round:K} (keep K mantissa bits, round to nearest; bfloat16 is round:7), {@code int8}, {@code noise:S}. */
    static Sanitiser parse(String spec) {
        String[] parts = spec.split(":", 2);
        try {
            return switch (parts[0]) {
                case "round" -> new MantissaRounding(Integer.parseInt(parts[1]));
                case "bf16" -> new MantissaRounding(7);
                case "int8" -> new Int8Quantisation();
                case "noise" -> new ParameterNoise(Double.parseDouble(parts[1]), 1);
                default -> throw new IllegalArgumentException("unknown sanitiser '" + spec + "' (round:K, bf16, int8, noise:S)");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("sanitiser '" + spec + "' needs a number: round:K or noise:S");
        }
    }

    /**
     * Rounds every weight to {@code kept} mantissa bits (to nearest, ties away from zero), zeroing the 23 - kept
     * below. kept = 7 is bfloat16's precision (Kalamkar et al. 2019), which training already tolerates; the cleared
     * bits can carry nothing.
     */
    record MantissaRounding(int kept) implements Sanitiser {

        public MantissaRounding {
            if (kept < 0 || kept > 22) {
                throw new IllegalArgumentException("keep 0 to 22 mantissa bits, not " + kept);
            }
        }

        @Override
        public String name() {
            return kept == 7 ? "bfloat16 (round to 7 mantissa bits)" : "round to " + kept + " mantissa bits";
        }

        @Override
        public List<float[]> apply(List<float[]> weights) {
            int dropped = 23 - kept;
            int half = 1 << (dropped - 1);
            int mask = -1 << dropped;
            List<float[]> out = new ArrayList<>();
            for (float[] tensor : weights) {
                float[] copy = new float[tensor.length];
                for (int k = 0; k < tensor.length; k++) {
                    int raw = Float.floatToRawIntBits(tensor[k]);
                    // Adding half a unit to the magnitude bits rounds to nearest; a carry into the exponent is correct rounding.
                    copy[k] = Float.isFinite(tensor[k]) ? Float.intBitsToFloat((raw + half) & mask) : tensor[k];
                }
                out.add(copy);
            }
            return out;
        }
    }

    /** Symmetric 8-bit quantisation per tensor (scale = max |w| / 127), stored back as float32 (Jacob et al., CVPR 2018). */
    record Int8Quantisation() implements Sanitiser {

        @Override
        public String name() {
            return "int8 per-tensor quantisation";
        }

        @Override
        public List<float[]> apply(List<float[]> weights) {
            List<float[]> out = new ArrayList<>();
            for (float[] tensor : weights) {
                float largest = 0;
                for (float v : tensor) {
                    largest = Math.max(largest, Math.abs(v));
                }
                float scale = largest == 0 ? 1 : largest / 127f;
                float[] copy = new float[tensor.length];
                for (int k = 0; k < tensor.length; k++) {
                    copy[k] = Math.round(tensor[k] / scale) * scale;
                }
                out.add(copy);
            }
            return out;
        }
    }

    /** Gaussian noise of {@code relative} times each tensor's standard deviation, seeded. */
    record ParameterNoise(double relative, long seed) implements Sanitiser {

        public ParameterNoise {
            if (!(relative > 0) || relative > 1) {
                throw new IllegalArgumentException("noise must be in (0, 1] of each tensor's deviation, not " + relative);
            }
        }

        @Override
        public String name() {
            return "Gaussian noise, " + relative + " x each tensor's deviation";
        }

        @Override
        public List<float[]> apply(List<float[]> weights) {
            SplittableRandom random = new SplittableRandom(seed);
            List<float[]> out = new ArrayList<>();
            for (float[] tensor : weights) {
                double sum = 0;
                double squares = 0;
                for (float v : tensor) {
                    sum += v;
                    squares += (double) v * v;
                }
                double mean = sum / tensor.length;
                double sigma = relative * Math.sqrt(Math.max(squares / tensor.length - mean * mean, 0));
                float[] copy = new float[tensor.length];
                for (int k = 0; k < tensor.length; k++) {
                    copy[k] = (float) (tensor[k] + sigma * gaussian(random));
                }
                out.add(copy);
            }
            return out;
        }

        private static double gaussian(SplittableRandom random) {
            double u = 1 - random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
    }
}
