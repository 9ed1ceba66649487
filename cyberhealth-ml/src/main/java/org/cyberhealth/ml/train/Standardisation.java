package org.cyberhealth.ml.train;

import org.cyberhealth.ml.data.Dataset;

/** The mean and scale the client subtracts and divides by before encrypting: learnt on the training part only. */
public record Standardisation(double[] mean, double[] scale) {

    public static Standardisation fit(Dataset train, boolean perFeature) {
        int width = train.width();
        double[] mean = new double[width];
        double[] scale = new double[width];
        if (perFeature) {
            for (int j = 0; j < width; j++) {
                double[] column = new double[train.size()];
                for (int i = 0; i < column.length; i++) {
                    column[i] = train.features()[i][j];
                }
                double[] moments = moments(column);
                mean[j] = moments[0];
                scale[j] = moments[1];
            }
        } else {
            double[] all = new double[train.size() * width];
            for (int i = 0; i < train.size(); i++) {
                System.arraycopy(train.features()[i], 0, all, i * width, width);
            }
            double[] moments = moments(all);
            java.util.Arrays.fill(mean, moments[0]);
            java.util.Arrays.fill(scale, moments[1]);
        }
        return new Standardisation(mean, scale);
    }

    /** Mean and standard deviation; a constant column keeps a scale of 1 so nothing is divided by zero. */
    static double[] moments(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double deviation = Math.sqrt(squares / values.length);
        return new double[] {mean, deviation > 0 ? deviation : 1};
    }

    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (rows[i][j] - mean[j]) / scale[j];
            }
        }
        return out;
    }
}
