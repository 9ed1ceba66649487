package org.cyberhealth.ml.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The bundled segmentation data (samples/segmentation, from TotalSegmentator's test files, Wasserthal et
 * al., Radiology: AI 2023): one abdominal CT and one abdominal MR, each with its organ mask. Both give four
 * organ classes (liver, spleen, kidneys, stomach): present on most slices of both volumes and large enough
 * to stay visible at 64 x 64 pixels.
 */
public enum SegmentationSample {

    /**
     * CT in Hounsfield units, abdominal window (level 50, width 400: -150 to 250 HU). The mask covers the
     * CT's last 30 slices (z = 82..111) although its header repeats the CT's origin; see PROVENANCE.txt.
     */
    ABDOMEN_CT("abdomen-ct", "example_ct.nii.gz", "example_seg.nii.gz", 82) {
        @Override
        SliceCutter.Window window(Nifti.Volume image) {
            return new SliceCutter.Window(-150, 250);
        }
    },

    /** MR (arbitrary units): windowed between the volume's 1st and 99th percentiles. */
    ABDOMEN_MR("abdomen-mr", "example_mr_sm.nii.gz", "example_seg_mr.nii.gz", 0) {
        @Override
        SliceCutter.Window window(Nifti.Volume image) {
            return SliceCutter.Window.quantiles(image, 0.01, 0.99);
        }
    };

    public static final List<SliceCutter.Organ> ORGANS = List.of(
            new SliceCutter.Organ("liver", List.of("liver")),
            new SliceCutter.Organ("spleen", List.of("spleen")),
            new SliceCutter.Organ("kidneys", List.of("kidney_left", "kidney_right")),
            new SliceCutter.Organ("stomach", List.of("stomach")));

    private final String id;
    private final String image;
    private final String mask;
    private final int firstSlice;

    SegmentationSample(String id, String image, String mask, int firstSlice) {
        this.id = id;
        this.image = image;
        this.mask = mask;
        this.firstSlice = firstSlice;
    }

    public String id() {
        return id;
    }

    abstract SliceCutter.Window window(Nifti.Volume image);

    /** The slices at {@code size x size}, read from {@code folder} (samples/segmentation or a copy). */
    public SegmentationSlices slices(Path folder, int size) {
        Nifti.Volume volume = Nifti.read(folder.resolve(image));
        Nifti.Volume labels = Nifti.read(folder.resolve(mask));
        return SliceCutter.cut(id, volume, labels, firstSlice, ORGANS, window(volume), size);
    }
}
