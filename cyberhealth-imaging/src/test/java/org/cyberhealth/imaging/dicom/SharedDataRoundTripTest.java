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

    static List<Path> dicomFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(DicomFile::looksLikeDicom).sorted().toList();
        }
    }
}
