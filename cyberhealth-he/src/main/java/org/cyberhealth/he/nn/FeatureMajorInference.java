package org.cyberhealth.he.nn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.cyberhealth.he.ring.Modulus;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/**
 * Encrypted inference for throughput, as CryptoNets batches (Gilad-Bachrach et al., ICML 2016): one
 * ciphertext per feature, one slot per sample, so a ciphertext carries the same feature of N/2 samples.
 * An affine map is then sums of ciphertexts times plain scalars, with no rotation at all (no Galois
 * keys to send), and a square is one ciphertext product per value. It pays off when many samples are
 * scored at once; {@link EncryptedInference} (samples side by side, diagonal method) answers one sample
 * with far fewer ciphertexts.
 *
 * <p>Each weight w multiplies as the integer round(w q) for the prime q the rescaling then drops, so
 * the scale is kept exactly; products are summed in lazy form and reduced once per output.
 */
public final class FeatureMajorInference {

    private final HeModel model;
    private final CkksParameters parameters;
    private final Ring ring;
    private final Evaluator evaluator;
    private final PolynomialEvaluator polynomials;

    public FeatureMajorInference(HeModel model, CkksParameters parameters, Evaluator evaluator, PolynomialEvaluator polynomials) {
        this.model = model.withQuadraticsFolded();
        this.parameters = parameters;
        this.ring = parameters.ring();
        this.evaluator = evaluator;
        this.polynomials = polynomials;
        EncryptedInference.requireDepth(model, parameters);
    }

    /** One ciphertext per input feature in, one per output out; slot s of each belongs to sample s. */
    public List<Ciphertext> evaluate(List<Ciphertext> features) {
        if (features.size() != model.inputSize()) {
            throw new IllegalArgumentException("the model takes " + model.inputSize() + " feature ciphertexts, got " + features.size());
        }
        List<Ciphertext> x = features;
        for (Layer layer : model.layers()) {
            if (layer instanceof Layer.Affine affine) {
                x = affine(affine, x);
            } else {
                List<Ciphertext> y = new ArrayList<>(x.size());
                for (Ciphertext value : x) {
                    y.add(EncryptedInference.activation((Layer.Polynomial) layer, value, polynomials));
                }
                x = y;
            }
        }
        return x;
    }

    private List<Ciphertext> affine(Layer.Affine layer, List<Ciphertext> x) {
        int level = x.get(0).level();
        double scale = x.get(0).scale();
        long dropped = ring.modulus(level).value();
        List<Ciphertext> y = new ArrayList<>(layer.outputSize());
        for (int r = 0; r < layer.outputSize(); r++) {
            RnsPoly[] sum = {new RnsPoly(level + 1, ring.degree(), true), new RnsPoly(level + 1, ring.degree(), true)};
            for (int c = 0; c < x.size(); c++) {
                double w = layer.weights()[r][c];
                if (w != 0) {
                    multiplyAdd(sum, x.get(c), Math.round(w * dropped), level);
                }
            }
            addConstant(sum[0], layer.bias()[r], scale * dropped, level);
            y.add(evaluator.rescale(new Ciphertext(List.of(sum), level, scale * dropped)));
        }
        return y;
    }

    /** sum += factor * x, residue by residue (Shoup products: factor is fixed across the row). */
    private void multiplyAdd(RnsPoly[] sum, Ciphertext x, long factor, int level) {
        for (int i = 0; i <= level; i++) {
            Modulus q = ring.modulus(i);
            long f = Math.floorMod(factor, q.value());
            long shoup = q.shoup(f);
            for (int part = 0; part < 2; part++) {
                long[] in = x.parts().get(part).row(i);
                long[] out = sum[part].row(i);
                for (int j = 0; j < out.length; j++) {
                    out[j] = q.add(out[j], q.multiplyShoup(in[j], f, shoup));
                }
            }
        }
    }

    /** A constant c at scale s is the constant polynomial round(c s): the same value in every NTT slot. */
    private void addConstant(RnsPoly poly, double constant, double scale, int level) {
        BigInteger value = new BigDecimal(constant).multiply(new BigDecimal(scale)).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        for (int i = 0; i <= level; i++) {
            Modulus q = ring.modulus(i);
            long residue = value.mod(BigInteger.valueOf(q.value())).longValueExact();
            long[] row = poly.row(i);
            for (int j = 0; j < row.length; j++) {
                row[j] = q.add(row[j], residue);
            }
        }
    }

    /** The samples' standardised values as columns: column f holds feature f of every sample. */
    public static double[][] columns(double[][] samples, int width, int slots) {
        if (samples.length > slots) {
            throw new IllegalArgumentException("at most " + slots + " samples per batch, got " + samples.length);
        }
        double[][] columns = new double[width][slots];
        for (int s = 0; s < samples.length; s++) {
            for (int f = 0; f < width; f++) {
                columns[f][s] = samples[s][f];
            }
        }
        return columns;
    }
}
