package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;

/** Byte-exact read/write over every file of the shared DICOM folders (skipped when they are absent). */
class SharedDataRoundTripTest {

    @Test
    void everyUncompressedSharedFileIsWrittenBackByteForByte() throws IOException {
        Path root = ExternalTools.sharedData("dicom");
        List<String> mismatches = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (Path file : dicomFiles(root)) {
            byte[] original = Files.readAllBytes(file);
            DicomFile dicom;
            try {
                dicom = DicomFile.read(original);
            } catch (BadInputException e) {
                refused.add(root.relativize(file) + ": " + e.getMessage());
                continue;
            }
            if (dicom.transferSyntax().isEncapsulated()) {
                continue;
            }
            checked++;
            if (!java.util.Arrays.equals(dicom.toBytes(), original)) {
                mismatches.add(root.relativize(file).toString());
            }
        }
        System.out.println("round trip: " + checked + " files checked; refused: " + refused);
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(50);
        assertThat(refused).allMatch(line -> KnownMalformed.NAMES.stream().anyMatch(line::startsWith));
    }

    @Test
    void everyUncompressedSharedFileTranscodesToEverySyntaxKeepingItsValues() throws IOException {
        Path root = ExternalTools.sharedData("dicom");
        int transcoded = 0;
        for (Path file : dicomFiles(root)) {
            DicomFile dicom;
            try {
                dicom = DicomFile.read(file);
            } catch (BadInputException malformed) {
                continue;
            }
            if (dicom.transferSyntax().isEncapsulated()) {
                continue;
            }
            List<String> values = TranscodeTest.leafValues(dicom.dataset(), dicom.transferSyntax().isBigEndian());
            for (TransferSyntax target : TransferSyntax.NATIVE) {
                DicomFile copy = DicomFile.read(dicom.transcode(target).toBytes());
                assertThat(TranscodeTest.leafValues(copy.dataset(), target.isBigEndian()))
                        .as(root.relativize(file) + " -> " + target.name()).isEqualTo(values);
                transcoded++;
            }
        }
        assertThat(transcoded).isGreaterThan(200);
    }

    @Test
    void bigAndLittleEndianVersionsOfTheSameImageGiveTheSameRaster() throws IOException {
        Path data = ExternalTools.sharedData("dicom/pydicom-data");
        String[][] pairs = {{"OBXXXX1A.dcm", "OBXXXX1A_expb.dcm"}, {"OBXXXX1A_2frame.dcm", "OBXXXX1A_expb_2frame.dcm"},
            {"SC_rgb.dcm", "SC_rgb_expb.dcm"}, {"SC_rgb_2frame.dcm", "SC_rgb_expb_2frame.dcm"},
            {"SC_rgb_16bit.dcm", "SC_rgb_expb_16bit.dcm"}, {"SC_rgb_16bit_2frame.dcm", "SC_rgb_expb_16bit_2frame.dcm"},
            {"emri_small.dcm", "emri_small_big_endian.dcm"}, {"gdcm-US-ALOKA-16.dcm", "gdcm-US-ALOKA-16_big.dcm"}};
        for (String[] pair : pairs) {
            assertThat(DicomFile.read(data.resolve(pair[1])).readRaster().sameAs(DicomFile.read(data.resolve(pair[0])).readRaster()))
                    .as(pair[1]).isTrue();
        }
    }

    static List<Path> dicomFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(DicomFile::looksLikeDicom).sorted().toList();
        }
    }
}
