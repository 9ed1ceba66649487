package org.cyberhealth.ml.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.NpyHeader;

/**
 * A MedMNIST v2 archive (Yang et al., Scientific Data 2023): a NumPy {@code .npz} (a zip of {@code .npy}
 * arrays) holding {@code train_images} (n x 28 x 28, uint8) and {@code train_labels} (n x 1, uint8),
 * and the same for {@code val} and {@code test}. Pixels become values in [0, 1].
 *
 * <p>Each array's declared size is checked against {@link #MAX_ITEMS} and against the bytes the entry
 * really holds before anything is allocated, so a hostile archive cannot claim unbounded memory.
 */
public final class MedMnist {

    private static final long MAX_ITEMS = 1L << 28;

    private MedMnist() {}

    /** One part ("train", "val" or "test") of the archive, with its class names. */
    public static Dataset read(Path npz, String part, String name, List<String> classes) {
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Array images = array(zip, part + "_images", npz);
            Array labels = array(zip, part + "_labels", npz);
            if (images.shape.length != 3 || labels.shape[0] != images.shape[0] || labels.values.length != images.shape[0]) {
                throw new BadInputException(npz + ": " + part + "_images must be n x height x width and " + part + "_labels hold one label per image");
            }
            int count = (int) images.shape[0];
            int height = (int) images.shape[1];
            int width = (int) images.shape[2];
            double[][] x = new double[count][height * width];
            double[] y = new double[count];
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < height * width; p++) {
                    x[i][p] = (images.values[i * height * width + p] & 0xFF) / 255.0;
                }
                y[i] = labels.values[i] & 0xFF;
                if (y[i] >= classes.size()) {
                    throw new BadInputException(npz + ": label " + (int) y[i] + " but only " + classes.size() + " classes");
                }
            }
            return new Dataset(name + " (" + part + ")", x, y, new int[] {1, height, width}, classes);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + npz);
        } catch (ZipException e) {
            throw new BadInputException(npz + " is not a NumPy .npz archive: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + npz + ": " + e.getMessage(), e);
        }
    }

    private record Array(long[] shape, byte[] values) {}

    private static Array array(ZipFile zip, String name, Path npz) throws IOException {
        ZipEntry entry = zip.getEntry(name + ".npy");
        if (entry == null) {
            throw new BadInputException(npz + " has no array '" + name + "'");
        }
        String what = npz + ":" + name;
        long size = entry.getSize();
        if (size < 0) {
            throw new BadInputException(what + ": the archive does not state the array's size");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            NpyHeader header = NpyHeader.read(in, size, what);
            if (header.kind() != 'u' || header.itemSize() != 1 || header.fortranOrder()) {
                throw new BadInputException(what + ": expected unsigned 8-bit values in C order");
            }
            long items = header.items(MAX_ITEMS);
            if (items < 0 || items != size - header.byteLength()) {
                throw new BadInputException(what + ": the header's shape does not match the " + (size - header.byteLength()) + " data bytes");
            }
            return new Array(header.shape(), NpyHeader.readExactly(in, (int) items, items, what));
        }
    }
}
