package org.cyberhealth.assess;

import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.InputSpec;

/** Images as the attacks take them (float, the model's natural range) with their true class indices. */
public record LabelledImages(float[][] images, int[] labels) {

    /**
     * {@code limit} images of {@code data} evenly spaced through it (all when {@code limit} is larger), so a
     * subset keeps the class mix even where the archive is sorted by class (the bundled PneumoniaMNIST test
     * part is: 234 normal, then 234 pneumonia), checked against the model's declared input: shape, value
     * range, and labels below {@code classes}.
     */
    public static LabelledImages of(Dataset data, int limit, InputSpec input, int classes) {
        int[] shape = data.shape();
        if (shape.length != 3 || shape[0] != input.channels() || shape[1] != input.height() || shape[2] != input.width()) {
            throw new BadInputException(data.name() + " holds " + Arrays.toString(shape) + " images but the model takes " + input);
        }
        int n = Math.min(limit, data.size());
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int position = (int) ((long) i * data.size() / n);
            double[] row = data.features()[position];
            images[i] = new float[row.length];
            for (int p = 0; p < row.length; p++) {
                images[i][p] = (float) row[p];
            }
            labels[i] = (int) data.targets()[position];
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new BadInputException(data.name() + ": label " + labels[i] + " but the model has " + classes + " classes");
            }
        }
        try {
            input.check(images);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(data.name() + ": " + e.getMessage());
        }
        return new LabelledImages(images, labels);
    }

    public int size() {
        return labels.length;
    }

    /** {@code count} images evenly spaced through these (all of them when {@code count} is larger), keeping the class mix. */
    public LabelledImages spread(int count) {
        int n = Math.min(count, size());
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int position = (int) ((long) i * size() / n);
            x[i] = images[position];
            y[i] = labels[position];
        }
        return new LabelledImages(x, y);
    }
}
