package org.cyberhealth.ml.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * Cuts axial 2D slices with organ masks out of an image volume and its multi-label mask volume: each slice
 * is padded to a square (with the window's lower value, so air stays black), resampled to {@code size x
 * size} (intensities bilinearly, labels by the nearest voxel, so a mask never blends two organs) and its
 * intensities windowed into [0, 1]. Organs are groups of the mask's label names (both kidneys as one
 * class, say), so the same recipe fits the CT and the MR label maps of TotalSegmentator.
 */
public final class SliceCutter {

    /** One output class: its name and the label names of the mask volume that it gathers. */
    public record Organ(String name, List<String> labels) {}

    /** Intensities from {@code lower} to {@code upper} map onto [0, 1]; values outside are clamped. */
    public record Window(float lower, float upper) {

        public Window {
            if (!(lower < upper)) {
                throw new IllegalArgumentException("a window needs lower < upper");
            }
        }

        /** A window between two quantiles of the volume's voxels (for MR, whose values have no fixed scale). */
        public static Window quantiles(Nifti.Volume volume, double low, double high) {
            float[] sorted = volume.voxels().clone();
            Arrays.sort(sorted);
            return new Window(sorted[(int) (low * (sorted.length - 1))], sorted[(int) (high * (sorted.length - 1))]);
        }

        float apply(float value) {
            return Math.min(1f, Math.max(0f, (value - lower) / (upper - lower)));
        }
    }

    private SliceCutter() {}

    /**
     * Slices {@code firstSlice .. firstSlice + labels.nz - 1} of {@code image}, which the mask volume covers
     * (its slice 0 is the image's {@code firstSlice}).
     */
    public static SegmentationSlices cut(String name, Nifti.Volume image, Nifti.Volume labels, int firstSlice, List<Organ> organs,
                                         Window window, int size) {
        if (image.nx() != labels.nx() || image.ny() != labels.ny() || firstSlice < 0 || firstSlice + labels.nz() > image.nz()) {
            throw new BadInputException(name + ": the mask (" + labels.nx() + " x " + labels.ny() + " x " + labels.nz()
                    + ") does not fit the image (" + image.nx() + " x " + image.ny() + " x " + image.nz() + ") from slice " + firstSlice);
        }
        if (size < 8 || size > 1024) {
            throw new IllegalArgumentException("slice size must be 8 to 1024");
        }
        int[] classOf = classOfLabel(labels, organs);
        List<String> classes = new ArrayList<>(List.of("background"));
        organs.forEach(o -> classes.add(o.name()));
        int count = labels.nz();
        float[][] images = new float[count][];
        int[][] masks = new int[count][];
        int[] positions = new int[count];
        for (int z = 0; z < count; z++) {
            images[z] = resampleImage(image, firstSlice + z, window, size);
            masks[z] = resampleMask(labels, z, classOf, size);
            positions[z] = firstSlice + z;
        }
        return new SegmentationSlices(name, size, size, classes, images, masks, positions);
    }

    private static int[] classOfLabel(Nifti.Volume labels, List<Organ> organs) {
        int[] classOf = new int[256];
        for (int c = 0; c < organs.size(); c++) {
            for (String label : organs.get(c).labels()) {
                int value = labels.labelOf(label);
                if (value < 0 || value > 255) {
                    throw new BadInputException("label value " + value + " of '" + label + "' outside 0..255");
                }
                classOf[value] = c + 1;
            }
        }
        return classOf;
    }

    /** The side of the square that the slice is padded to (centred). */
    private static int side(Nifti.Volume v) {
        return Math.max(v.nx(), v.ny());
    }

    private static float[] resampleImage(Nifti.Volume v, int z, Window window, int size) {
        int side = side(v);
        float scale = side / (float) size;
        float[] out = new float[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                float sy = (row + 0.5f) * scale - 0.5f - (side - v.ny()) / 2f;
                float sx = (col + 0.5f) * scale - 0.5f - (side - v.nx()) / 2f;
                out[row * size + col] = window.apply(bilinear(v, sx, sy, z, window.lower()));
            }
        }
        return out;
    }

    private static float bilinear(Nifti.Volume v, float sx, float sy, int z, float outside) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float fx = sx - x0;
        float fy = sy - y0;
        return (1 - fy) * ((1 - fx) * voxel(v, x0, y0, z, outside) + fx * voxel(v, x0 + 1, y0, z, outside))
                + fy * ((1 - fx) * voxel(v, x0, y0 + 1, z, outside) + fx * voxel(v, x0 + 1, y0 + 1, z, outside));
    }

    private static float voxel(Nifti.Volume v, int x, int y, int z, float outside) {
        return x < 0 || y < 0 || x >= v.nx() || y >= v.ny() ? outside : v.at(x, y, z);
    }

    private static int[] resampleMask(Nifti.Volume v, int z, int[] classOf, int size) {
        int side = side(v);
        float scale = side / (float) size;
        int[] out = new int[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int y = (int) Math.floor((row + 0.5f) * scale - (side - v.ny()) / 2f);
                int x = (int) Math.floor((col + 0.5f) * scale - (side - v.nx()) / 2f);
                if (x >= 0 && y >= 0 && x < v.nx() && y < v.ny()) {
                    int label = (int) v.at(x, y, z);
                    out[row * size + col] = label >= 0 && label < classOf.length ? classOf[label] : 0;
                }
            }
        }
        return out;
    }
}
