package org.cyberhealth.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedMnistTest {

    private static final List<String> CLASSES = List.of("normal", "pneumonia");

    @Test
    void pneumoniaMnistHoldsItsDocumentedSplitsOf28By28Images() {
        Path npz = SklearnTablesTest.DATA.resolve("ml/pneumoniamnist.npz");
        Dataset train = MedMnist.read(npz, "train", "pneumonia", CLASSES);
        Dataset test = MedMnist.read(npz, "test", "pneumonia", CLASSES);
        assertThat(train.size()).isEqualTo(2428);
        assertThat(test.size()).isEqualTo(468);
        assertThat(train.shape()).containsExactly(1, 28, 28);
        // The training split is balanced: 1214 of each class (PROVENANCE-pneumoniamnist.txt).
        assertThat(Arrays.stream(train.targets()).filter(t -> t == 1).count()).isEqualTo(1214);
        assertThat(Arrays.stream(train.features()).flatMapToDouble(Arrays::stream).max().getAsDouble()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void anArrayWhoseHeaderClaimsMoreThanItHoldsIsRefusedBeforeAllocation(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("hostile.npz");
        write(npz, npy("(100000000, 28, 28)", 10), npy("(100000000, 1)", 10));
        assertThatThrownBy(() -> MedMnist.read(npz, "train", "x", CLASSES)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aMissingArrayOrAFileThatIsNoArchiveIsRefused(@TempDir Path dir) throws IOException {
        Path npz = dir.resolve("partial.npz");
        write(npz, npy("(1, 2, 2)", 4), null);
        assertThatThrownBy(() -> MedMnist.read(npz, "train", "x", CLASSES)).isInstanceOf(BadInputException.class).hasMessageContaining("no array 'train_labels'");
        Path text = dir.resolve("text.npz");
        Files.writeString(text, "not a zip");
        assertThatThrownBy(() -> MedMnist.read(text, "train", "x", CLASSES)).isInstanceOf(BadInputException.class);
    }

    private static byte[] npy(String shape, int dataBytes) {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private static void write(Path npz, byte[] images, byte[] labels) throws IOException {
        try (OutputStream file = Files.newOutputStream(npz); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("train_images.npy"));
            zip.write(images);
            zip.closeEntry();
            if (labels != null) {
                zip.putNextEntry(new ZipEntry("train_labels.npy"));
                zip.write(labels);
                zip.closeEntry();
            }
        }
    }
}
