package org.cyberhealth.he.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cyberhealth.he.ckks.Ciphertext;
import org.cyberhealth.he.ckks.CkksParameters;
import org.cyberhealth.he.ckks.Evaluator;
import org.cyberhealth.he.ckks.KeySet;
import org.cyberhealth.he.ckks.PolynomialEvaluator;
import org.cyberhealth.he.ckks.PolynomialEvaluator.Method;

/**
 * Polynomial evaluation on a ciphertext, the product tree against Paterson-Stockmeyer (Paterson and
 * Stockmeyer 1973): for each degree, the ciphertext products and levels each method takes (the paper's
 * headline: about 2 sqrt(d) non-scalar products instead of d - 1), the time of one evaluation (fastest of
 * several alternated runs, one thread) and the largest error against the plain polynomial. Random
 * coefficients in [-1, 1], slots uniform in [-1, 1], at N = 16384 with 7 levels of 40 bits.
 */
public final class PolynomialBench {

    /** One degree: per method (tree, then Paterson-Stockmeyer) products, levels, milliseconds and error. */
    public record Row(int degree, int[] products, int[] levels, double[] millis, double[] error) {}

    private static final Method[] METHODS = {Method.POWER_TREE, Method.PATERSON_STOCKMEYER};

    private PolynomialBench() {}

    public static List<Row> run(int[] degrees, int runs) {
        CkksParameters parameters = CkksParameters.generate(14, 60, 7, 40, new int[] {60});
        KeySet keys = KeySet.generate(parameters, new SecureRandom());
        PolynomialEvaluator polynomials = new PolynomialEvaluator(parameters, keys.encoder(), new Evaluator(parameters, keys.ring()),
                keys.relinearisationKey());
        SplittableRandom random = new SplittableRandom(15);
        double[] x = new double[parameters.slots()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        Ciphertext input = keys.encryptor().encrypt(keys.encoder().encode(x, parameters.maxLevel(), parameters.scale()));
        List<Row> rows = new ArrayList<>();
        for (int degree : degrees) {
            double[] p = new double[degree + 1];
            for (int i = 0; i <= degree; i++) {
                p[i] = random.nextDouble(-1, 1);
            }
            int[] products = new int[2];
            int[] levels = new int[2];
            double[] millis = {Double.MAX_VALUE, Double.MAX_VALUE};
            double[] error = new double[2];
            for (int run = 0; run < runs; run++) {
                for (int m = 0; m < 2; m++) {
                    long before = polynomials.ciphertextProducts();
                    long start = System.nanoTime();
                    Ciphertext y = polynomials.evaluate(input, p, METHODS[m]);
                    millis[m] = Math.min(millis[m], (System.nanoTime() - start) / 1e6);
                    products[m] = (int) (polynomials.ciphertextProducts() - before);
                    levels[m] = parameters.maxLevel() - y.level();
                    error[m] = largestError(keys.encoder().decode(keys.decryptor().decrypt(y))[0], x, p);
                }
            }
            rows.add(new Row(degree, products, levels, millis, error));
        }
        return rows;
    }

    private static double largestError(double[] got, double[] x, double[] p) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double plain = 0;
            for (int k = p.length - 1; k >= 0; k--) {
                plain = plain * x[i] + p[k];
            }
            worst = Math.max(worst, Math.abs(got[i] - plain));
        }
        return worst;
    }

    public static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder("| degree | products: tree / Paterson-Stockmeyer | 2 sqrt(d) + log2 d | levels: tree / PS "
                + "| ms: tree / PS | largest error: tree / PS |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            double bound = 2 * Math.sqrt(r.degree()) + Math.log(r.degree()) / Math.log(2);
            table.append(String.format(Locale.ROOT, "| %d | %d / %d | %.1f | %d / %d | %.0f / %.0f | 2^%.1f / 2^%.1f |%n", r.degree(), r.products()[0],
                    r.products()[1], bound, r.levels()[0], r.levels()[1], r.millis()[0], r.millis()[1], log2(r.error()[0]), log2(r.error()[1])));
        }
        return table.toString();
    }

    private static double log2(double value) {
        return Math.log(value) / Math.log(2);
    }
}
