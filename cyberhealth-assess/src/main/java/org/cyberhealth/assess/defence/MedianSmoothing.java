package org.cyberhealth.assess.defence;

import java.util.Arrays;
import org.cyberhealth.ml.model.InputSpec;

/**
 * Local median smoothing, the second squeezer of feature squeezing (Xu, Evans and Qi, NDSS 2018): each value is
 * replaced by the median of the {@code size x size} window at it, per channel, which removes sparse, salt-and-pepper
 * like perturbations. As the paper (with SciPy's filter), an even window reaches one pixel further up and left than
 * down and right, takes the upper of the two middle values, and edges repeat the border pixel.
 */
public final class MedianSmoothing implements Preprocessor {

    private final int size;

    public MedianSmoothing(int size) {
        if (size < 2 || size > 9) {
            throw new IllegalArgumentException("the window must be 2 to 9 pixels wide");
        }
        this.size = size;
    }

    @Override
    public float[] apply(float[] image, InputSpec input) {
        int h = input.height();
        int w = input.width();
        int before = size / 2;
        float[] window = new float[size * size];
        float[] out = new float[image.length];
        for (int c = 0; c < input.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = 0;
                    for (int dy = -before; dy < size - before; dy++) {
                        int row = Math.min(h - 1, Math.max(0, y + dy));
                        for (int dx = -before; dx < size - before; dx++) {
                            window[k++] = image[plane + row * w + Math.min(w - 1, Math.max(0, x + dx))];
                        }
                    }
                    Arrays.sort(window);
                    out[plane + y * w + x] = window[window.length / 2];
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "median " + size + "x" + size;
    }
}
