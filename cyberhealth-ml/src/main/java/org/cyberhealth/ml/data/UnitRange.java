package org.cyberhealth.ml.data;

/**
 * Min-max scaling of a table's columns into [0, 1] with the training part's range, so that a table row can
 * be handed to the models and attacks as a one-channel 1 x n "image" with one value range. Test values
 * outside the training range are clipped: the declared input range must hold for every row. Attack budgets
 * on such rows are shares of each feature's training range (an eps of 0.05 moves a feature by 5% of it).
 */
public record UnitRange(double[] min, double[] max) {

    /** The range of each column of {@code train}. */
    public static UnitRange fit(Dataset train) {
        int width = train.width();
        double[] min = new double[width];
        double[] max = new double[width];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] row : train.features()) {
            for (int j = 0; j < width; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        return new UnitRange(min, max);
    }

    /** {@code data} scaled and clipped into [0, 1], shaped as one-channel 1 x n rows. */
    public Dataset apply(Dataset data) {
        double[][] scaled = new double[data.size()][];
        for (int i = 0; i < scaled.length; i++) {
            double[] row = data.features()[i];
            scaled[i] = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                double span = max[j] - min[j];
                scaled[i][j] = span > 0 ? Math.min(1, Math.max(0, (row[j] - min[j]) / span)) : 0;
            }
        }
        return new Dataset(data.name(), scaled, data.targets(), new int[] {1, 1, data.width()}, data.classes());
    }
}
