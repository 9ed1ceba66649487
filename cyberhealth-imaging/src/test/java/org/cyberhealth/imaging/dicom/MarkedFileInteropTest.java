package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.watermark.CryptoWatermark;
import org.cyberhealth.imaging.watermark.TraceabilityRecord;
import org.cyberhealth.imaging.watermark.Verdict;
import org.cyberhealth.imaging.watermark.Verification;
import org.cyberhealth.imaging.watermark.RobustMarking;
import org.cyberhealth.imaging.watermark.WatermarkSchemes;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crypto-watermarked DICOM files are ordinary DICOM: dcmtk reads them without complaint, pydicom sees
 * exactly the marked pixel values, and restoring gives back the original file byte for byte.
 */
class MarkedFileInteropTest {

    private static final IssuerKey KEY = IssuerKey.generate("Interop Hospital");
    private static final TraceabilityRecord RECORD =
            new TraceabilityRecord("Interop Hospital", "lab-7", "export-9", Instant.ofEpochSecond(1_750_000_000L), "interop");

    @TempDir
    Path dir;

    @Test
    void markedFilesReadIdenticallyInDcmtkAndPydicomAndRestoreByteForByte() throws Exception {
        ExternalReaders.requireTools();
        List<Path> written = new ArrayList<>();
        List<Raster> ours = new ArrayList<>();
        List<String> tooSmall = new ArrayList<>();
        for (String name : Samples.IMAGES) {
            DicomFile original = Samples.read(name);
            DicomImageDocument doc = DicomImageDocument.read(Files.write(dir.resolve("in-" + written.size() + ".dcm"), Samples.bytes(name)));
            Raster raster = doc.raster();
            try {
                new CryptoWatermark(WatermarkSchemes.byName(WatermarkSchemes.DEFAULT),
                        raster.width() >= 64 && raster.height() >= 64 ? RobustMarking.STANDARD : RobustMarking.NONE)
                        .mark(raster, doc.identity(), RECORD, KEY, null);
            } catch (CapacityExceededException e) {
                tooSmall.add(name);
                continue;
            }
            Path out = dir.resolve("marked-" + written.size() + ".dcm");
            doc.write(raster, out, false);
            written.add(out);
            ours.add(DicomFile.read(out).readRaster());

            DicomImageDocument marked = DicomImageDocument.read(out);
            Verification v = CryptoWatermark.verify(marked.raster(), marked.identity(), KEY.verificationKey(), KEY);
            assertThat(v.verdict()).as(name).isEqualTo(Verdict.AUTHENTIC);
            byte[] restored = marked.file().withRaster(v.restored().orElseThrow()).toBytes();
            byte[] originalBytes = original.toBytes();
            if (originalBytes.length % 2 == 1) {
                // pydicom's image_dfl.dcm ends its deflated data at an odd length, which the standard does not
                // allow; restoring writes a conformant file: the same bytes plus one padding byte.
                assertThat(restored).as(name).hasSize(originalBytes.length + 1).startsWith(originalBytes);
            } else {
                assertThat(restored).as(name).isEqualTo(originalBytes);
            }
        }
        // Images of 64x64 samples and smaller cannot hold a seal of about 3,000 bits; everything else must be
        // marked: signed CT, deflated, RGB (both planar configurations), big-endian multi-frame RGB and
        // 12-bit multi-frame MR.
        assertThat(tooSmall).containsExactlyInAnyOrder("pydicom/MR_small.dcm", "pydicom/MR_small_implicit.dcm",
                "pydicom/MR_small_bigendian.dcm", "pydicom/SC_rgb_small_odd.dcm", "pydicom/ExplVR_BigEnd.dcm");
        assertThat(ExternalReaders.dcmdumpComplaints(written)).isEmpty();
        Map<Path, String> hashes = ExternalReaders.pydicomHashes(written, dir);
        for (int i = 0; i < written.size(); i++) {
            assertThat(hashes.get(written.get(i))).as(written.get(i).toString()).isEqualTo(ExternalReaders.hash(ours.get(i)));
        }
    }
}
