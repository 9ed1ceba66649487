package org.cyberhealth.assess.provenance;

/**
 * The secret carriers of radioactive data (Sablayrolles et al. 2020): one unit vector u_c per class in the marking
 * network's feature space, drawn uniformly on the sphere from the owner's key (normalised Gaussian vectors), so that
 * under the null hypothesis the cosine of any fixed vector with u_c follows the known law of a random direction.
 * Public so that a tool can plant them in a last layer: the strongest trace, which checks a detector end to end.
 */
public final class Carriers {

    private Carriers() {}

    public static float[][] draw(byte[] key, int classes, int dimension) {
        KeyedStream stream = new KeyedStream(key, "radioactive/carriers/" + dimension);
        float[][] u = new float[classes][dimension];
        for (int c = 0; c < classes; c++) {
            double[] v = new double[dimension];
            double norm = 0;
            for (int i = 0; i < dimension; i++) {
                v[i] = stream.nextGaussian();
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < dimension; i++) {
                u[c][i] = (float) (v[i] / norm);
            }
        }
        return u;
    }
}
