package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

class DeflateTest {

    private static final TransferSyntax DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;

    @Test
    void aChangedDataSetIsRecompressedWithTheSettingsThatReproduceTheOriginalStream() {
        for (int level : new int[] {1, 9}) {
            for (int strategy : new int[] {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED}) {
                byte[] file = recompressed(Samples.read("pydicom-data/SC_rgb.dcm").transcode(DEFLATED).toBytes(), level, strategy);
                DicomFile original = DicomFile.read(file);
                assertThat(original.toBytes()).isEqualTo(file);
                Raster changed = original.readRaster().copy();
                PixelAccessTest.flipLeastSignificantBitOfEverySeventh(changed);
                byte[] written = original.withRaster(changed).toBytes();
                int streamStart = metaEnd(written);
                byte[] inflated = inflate(written, streamStart);
                byte[] expectedStream = compress(inflated, level, strategy);
                assertThat(Arrays.copyOfRange(written, streamStart, streamStart + expectedStream.length))
                        .as("level %d strategy %d", level, strategy).isEqualTo(expectedStream);
                assertThat(DicomFile.read(written).readRaster().sameAs(changed)).isTrue();
            }
        }
    }

    @Test
    void theSampleDeflatedFileWasWrittenByZlibAtAStandardLevel() {
        DicomFile sample = Samples.read("pydicom/image_dfl.dcm");
        byte[] bytes = Samples.bytes("pydicom/image_dfl.dcm");
        DeflatedDataset stream = DeflatedDataset.inflate(bytes, metaEnd(bytes));
        assertThat(stream.reproducingSettings()).isNotNull();
        Raster changed = sample.readRaster().copy();
        changed.set(0, 0, changed.get(0, 0) ^ 1);
        assertThat(DicomFile.read(sample.withRaster(changed).toBytes()).readRaster().sameAs(changed)).isTrue();
    }

    /** The same file with its data set deflated again at {@code level} and {@code strategy}. */
    private static byte[] recompressed(byte[] file, int level, int strategy) {
        int streamStart = metaEnd(file);
        byte[] stream = compress(inflate(file, streamStart), level, strategy);
        byte[] result = Arrays.copyOf(file, streamStart + stream.length + (stream.length % 2));
        System.arraycopy(stream, 0, result, streamStart, stream.length);
        return result;
    }

    private static int metaEnd(byte[] file) {
        int groupLength = (file[140] & 0xFF) | (file[141] & 0xFF) << 8 | (file[142] & 0xFF) << 16;
        return 144 + groupLength;
    }

    private static byte[] compress(byte[] data, int level, int strategy) {
        Deflater deflater = new Deflater(level, true);
        deflater.setStrategy(strategy);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] file, int start) {
        try {
            Inflater inflater = new Inflater(true);
            inflater.setInput(file, start, file.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                out.write(chunk, 0, inflater.inflate(chunk));
            }
            inflater.end();
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }
}
