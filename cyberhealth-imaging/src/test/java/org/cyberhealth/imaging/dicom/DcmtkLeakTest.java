package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.imaging.ImageDocuments;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.watermark.CryptoWatermark;
import org.cyberhealth.imaging.watermark.RecipientTracer;
import org.cyberhealth.imaging.watermark.RobustMarking;
import org.cyberhealth.imaging.watermark.TraceabilityRecord;
import org.cyberhealth.imaging.watermark.WatermarkSchemes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak a recipient makes with the commonest DICOM toolkit: {@code dcmj2pnm +oj +Jq 75} converts a
 * 12-bit CT to an 8-bit JPEG with dcmtk's default, no VOI window (the whole stored range, 16 HU a gray
 * level) and libjpeg at quality 75. Copies of an abdominal slice strongly marked for four recipients are
 * each traced to their recipient with every bit of the code right; the standard mark, planned for
 * clinical windows, loses bits of some of the same codes.
 */
class DcmtkLeakTest {

    private static final List<String> RECIPIENTS = List.of("lab-1", "lab-2", "lab-7", "lab-9");

    @TempDir
    Path dir;

    @Test
    void aStronglyMarkedTwelveBitCtIsTracedWithoutErrorThroughDcmtksDefaultConversionAndJpeg75() throws Exception {
        ExternalTools.requireTool("dcmtk (dcmj2pnm)", "dcmj2pnm", "--version");
        IssuerKey key = KeyFiles.readIssuerKey(Path.of(DcmtkLeakTest.class.getResource("/keys/robust-fixture.key").toURI()));
        Path original = Files.write(dir.resolve("ct12.dcm"), twelveBitCt());

        int standardErrors = 0;
        for (String recipient : RECIPIENTS) {
            assertThat(bitErrorsAfterLeak(original, recipient, RobustMarking.STRONG, key)).as(recipient).isZero();
            standardErrors += bitErrorsAfterLeak(original, recipient, RobustMarking.STANDARD, key);
        }
        assertThat(standardErrors).isPositive();
    }

    /** The bit errors of {@code recipient}'s code read from a copy marked for them and leaked through dcmtk, who must be accused. */
    private int bitErrorsAfterLeak(Path original, String recipient, RobustMarking strength, IssuerKey key) throws Exception {
        DicomImageDocument doc = DicomImageDocument.read(original);
        Raster raster = doc.raster();
        TraceabilityRecord record = new TraceabilityRecord("Leak Hospital", recipient, "export-3", Instant.ofEpochSecond(1_760_000_000L), "leak test");
        new CryptoWatermark(WatermarkSchemes.byName(WatermarkSchemes.DEFAULT), strength).mark(raster, doc.identity(), record, key, null);
        Path marked = dir.resolve(recipient + "-" + strength + ".dcm");
        doc.write(raster, marked, false);
        Path leak = dir.resolve(recipient + "-" + strength + ".jpg");
        Process convert = new ProcessBuilder("dcmj2pnm", "+oj", "+Jq", "75", marked.toString(), leak.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(convert.waitFor(60, TimeUnit.SECONDS) && convert.exitValue() == 0).as("dcmj2pnm").isTrue();

        RecipientTracer.Trace trace = RecipientTracer.trace(ImageDocuments.openAnyRaster(leak), key, RECIPIENTS, RecipientTracer.DEFAULT_BOUND);
        assertThat(trace.accused()).as("%s, %s", recipient, strength).isPresent();
        assertThat(trace.accused().orElseThrow().recipient()).isEqualTo(recipient);
        return trace.accused().orElseThrow().bitErrors();
    }

    /** An abdominal slice (see openjph-ct/PROVENANCE.txt) as a 12-bit unsigned CT file, HU + 1024, as scanners store it. */
    private static byte[] twelveBitCt() throws Exception {
        Raster slice = ImageFiles.read(Path.of(DcmtkLeakTest.class.getResource("/openjph-ct/ct-abdomen-0-stored12.png").toURI())).raster();
        byte[] pixels = new byte[2 * slice.size()];
        for (int i = 0; i < slice.size(); i++) {
            pixels[2 * i] = (byte) slice.samples()[i];
            pixels[2 * i + 1] = (byte) (slice.samples()[i] >>> 8);
        }
        return CraftedDicom.image(slice.width(), slice.height(), 16, 12, 0, 11, pixels);
    }
}
