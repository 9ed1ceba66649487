package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.ImageDocuments;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.bench.RobustnessBench;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.io.NpyArray;

/**
 * The images the image benchmarks run on, from the shared data folder (see its README): the classic
 * 8-bit test images of the reversible-watermarking literature and real medical images.
 */
final class BenchData {

    /** An image to benchmark; {@code hounsfieldIntercept} is set for CT (stored + intercept = HU). */
    record Image(String name, Raster raster, Double hounsfieldIntercept, boolean classic) {

        RobustnessBench.Subject subject() {
            return hounsfieldIntercept == null ? RobustnessBench.Subject.plain(name, raster)
                    : RobustnessBench.Subject.ct(name, raster, hounsfieldIntercept);
        }
    }

    static final List<String> CLASSIC = List.of("Airplane", "Baboon", "Peppers", "Man", "Crowd");

    private BenchData() {}

    /** The default data folder: $CYBERHEALTH_SHARED_DATA, else ../shared/data beside the project. */
    static Path defaultFolder() {
        String env = System.getenv("CYBERHEALTH_SHARED_DATA");
        if (env != null) {
            return Path.of(env);
        }
        return ProjectHome.path().resolve("../shared/data").normalize();
    }

    /** The classic images, then the medical ones; {@code quick} keeps one of each kind. */
    static List<Image> load(Path data, boolean quick) {
        if (!Files.isDirectory(data)) {
            throw new BadInputException("benchmark data folder " + data + " not found (give --data)");
        }
        List<Image> images = new ArrayList<>();
        for (String name : quick ? CLASSIC.subList(0, 2) : CLASSIC) {
            images.add(new Image(name, ImageFiles.read(data.resolve("images/classic/" + name + ".png")).raster(), null, true));
        }
        int cts = quick ? 1 : 5;
        for (int i = 0; i < cts; i++) {
            // The slices hold HU + 1024 (air at 0): stored as a CT scanner stores them, 16 bits allocated and
            // 12 bits stored (0..4095, rescale intercept -1024), so PSNR is relative to 4095.
            Raster ct = NpyArray.read(data.resolve("images/openjph/ct-abdomen-" + i + ".npy")).toImage(0, 4095).raster();
            images.add(new Image("CT abdomen " + i + " (12 of 16 bits)", ct, -1024.0, false));
        }
        for (int i = 0; i < (quick ? 1 : 2); i++) {
            images.add(new Image("chest X-ray " + i + " (8-bit)",
                    NpyArray.read(data.resolve("images/openjph/xray-chest-" + i + ".npy")).toImage().raster(), null, false));
        }
        if (!quick) {
            images.add(dicom(data.resolve("dicom/pydicom-data/MR2_UNCI.dcm"), "MR2 1024x1024 (12-bit)", null));
            images.add(dicom(data.resolve("dicom/pydicom/test_files/CT_small.dcm"), "CT_small (16-bit)", null));
        }
        return images;
    }

    private static Image dicom(Path file, String name, Double intercept) {
        return new Image(name, ImageDocuments.open(file).raster(), intercept, false);
    }
}
