package org.cyberhealth.ml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NiftiTest {

    static final Path SAMPLES = Path.of("../samples/segmentation");

    @Test
    void readsTotalSegmentatorsCtWithItsGridAndHounsfieldUnits() {
        Nifti.Volume ct = Nifti.read(SAMPLES.resolve("example_ct.nii.gz"));
        assertThat(new int[] {ct.nx(), ct.ny(), ct.nz()}).containsExactly(122, 101, 112);
        assertThat(ct.spacing()).containsExactly(3f, 3f, 3f);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : ct.voxels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // int32 Hounsfield units, as numpy reads them from the same file.
        assertThat(min).isEqualTo(-1207f);
        assertThat(max).isEqualTo(3382f);
        assertThat(ct.labels()).isEmpty();
        // A voxel inside the liver (mask slice 15 = CT slice 97): soft tissue, about 40 HU.
        assertThat(ct.at(81, 59, 97)).isEqualTo(37f);
    }

    @Test
    void readsTheMaskWithTheLabelNamesOfItsHeaderExtension() {
        Nifti.Volume mask = Nifti.read(SAMPLES.resolve("example_seg.nii.gz"));
        assertThat(new int[] {mask.nx(), mask.ny(), mask.nz()}).containsExactly(122, 101, 30);
        assertThat(mask.labels()).containsEntry(1, "spleen").containsEntry(5, "liver").containsEntry(2, "kidney_right");
        assertThat(mask.labelOf("liver")).isEqualTo(5);
        assertThat(mask.at(81, 59, 15)).isEqualTo(5f);
        assertThat(mask.at(18, 37, 15)).isEqualTo(1f);
        assertThatThrownBy(() -> mask.labelOf("no_such_organ")).isInstanceOf(BadInputException.class);
    }

    @Test
    void aHeaderClaimingMoreVoxelsThanAllowedIsRefusedBeforeAllocation(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.nii");
        Files.write(file, header(3, new int[] {30000, 30000, 30000}, 16, 352));
        assertThatThrownBy(() -> Nifti.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining("voxels, more than");
    }

    @Test
    void aFileShorterThanItsHeaderDeclaresIsRefusedWithTheByteCounts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("short.nii");
        byte[] h = header(3, new int[] {10, 10, 10}, 2, 352);
        Files.write(file, concat(h, new byte[4 + 999]));
        assertThatThrownBy(() -> Nifti.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("truncated, the header declares 1352 bytes but the file holds 1351");
    }

    @Test
    void aGzipWhoseTrailerLiesIsStillRefusedWhenTheDataEndsEarly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("liar.nii.gz");
        byte[] gz = gzip(concat(header(3, new int[] {10, 10, 10}, 2, 352), new byte[4 + 500]));
        // The trailer claims the full 1352 bytes; the stream holds 852.
        ByteBuffer.wrap(gz, gz.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(1352);
        Files.write(file, gz);
        assertThatThrownBy(() -> Nifti.read(file)).isInstanceOf(BadInputException.class);
        // An honest trailer is caught before anything is allocated.
        Path honest = dir.resolve("short.nii.gz");
        Files.write(honest, gzip(concat(header(3, new int[] {10, 10, 10}, 2, 352), new byte[4 + 500])));
        assertThatThrownBy(() -> Nifti.read(honest)).isInstanceOf(BadInputException.class).hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicTypeShapeOrOffsetIsRefused(@TempDir Path dir) throws IOException {
        byte[] pair = header(3, new int[] {2, 2, 2}, 2, 352);
        pair[344 + 1] = 'i';
        assertRefused(dir, pair, "magic");
        assertRefused(dir, header(3, new int[] {2, 2, 2}, 128, 352), "voxel type 128");
        assertRefused(dir, header(4, new int[] {2, 2, 2, 3}, 2, 352), "only 3D");
        assertRefused(dir, header(3, new int[] {2, 0, 2}, 2, 352), "has size 0");
        assertRefused(dir, header(3, new int[] {2, 2, 2}, 2, 100), "voxel offset");
        byte[] notNifti = header(3, new int[] {2, 2, 2}, 2, 352);
        notNifti[0] = 1;
        assertRefused(dir, notNifti, "not a NIfTI-1");
        assertRefused(dir, new byte[100], "truncated NIfTI header");
    }

    @Test
    void aSmallVolumeRoundTripsWithItsScaling(@TempDir Path dir) throws IOException {
        byte[] h = header(3, new int[] {2, 1, 2}, 4, 352);
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putFloat(112, 2f).putFloat(116, -1f);
        ByteBuffer data = ByteBuffer.allocate(4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.position(4);
        data.putShort((short) 0).putShort((short) 1).putShort((short) -3).putShort((short) 7);
        Path file = dir.resolve("small.nii");
        Files.write(file, concat(h, data.array()));
        Nifti.Volume v = Nifti.read(file);
        assertThat(v.voxels()).containsExactly(-1f, 1f, -7f, 13f);
        assertThat(v.at(1, 0, 1)).isEqualTo(13f);
    }

    private static void assertRefused(Path dir, byte[] content, String message) throws IOException {
        Path file = dir.resolve("bad.nii");
        Files.write(file, concat(content, new byte[64]));
        assertThatThrownBy(() -> Nifti.read(file)).isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }

    /** A little-endian single-file NIfTI-1 header. */
    static byte[] header(int rank, int[] dims, int datatype, float offset) {
        ByteBuffer b = ByteBuffer.allocate(348).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        b.putShort(40, (short) rank);
        for (int d = 0; d < dims.length; d++) {
            b.putShort(42 + 2 * d, (short) dims[d]);
        }
        b.putShort(70, (short) datatype);
        for (int d = 0; d < 3; d++) {
            b.putFloat(80 + 4 * d, 3f);
        }
        b.putFloat(108, offset);
        b.putFloat(112, 1f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
