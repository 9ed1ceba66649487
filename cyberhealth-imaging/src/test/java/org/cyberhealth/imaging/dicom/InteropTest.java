package org.cyberhealth.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files we modify with withRaster and write in each of the four syntaxes must read back in dcmtk without
 * errors or warnings and give pydicom exactly our pixel values.
 */
class InteropTest {

    @TempDir
    Path work;

    @Test
    void modifiedSamplesWrittenInEverySyntaxReadTheSameInDcmtkAndPydicom() throws Exception {
        ExternalReaders.requireTools();
        Map<Path, Raster> written = new LinkedHashMap<>();
        for (String name : Samples.IMAGES) {
            writeModifiedInEverySyntax(name.replace('/', '_'), Samples.read(name), written);
        }
        assertReadTheSame(written, List.of());
        assertThat(written).hasSize(Samples.IMAGES.size() * TransferSyntax.NATIVE.size());
    }

    @Test
    void everySharedUncompressedImageModifiedAndWrittenInEverySyntaxReadsTheSame() throws Exception {
        Path root = ExternalTools.sharedData("dicom");
        ExternalReaders.requireTools();
        Map<Path, Raster> written = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (Path file : SharedDataRoundTripTest.dicomFiles(root)) {
            DicomFile dicom;
            try {
                dicom = DicomFile.read(file);
                if (dicom.transferSyntax().isEncapsulated() || !dicom.dataset().contains(Tag.PIXEL_DATA)) {
                    continue;
                }
                dicom.readRaster();
            } catch (BadInputException notSupported) {
                unsupported.add(root.relativize(file) + ": " + notSupported.getMessage());
                continue;
            }
            sources.add(file);
            writeModifiedInEverySyntax(root.relativize(file).toString().replace('/', '_'), dicom, written);
        }
        System.out.println("interop: " + sources.size() + " shared images, " + written.size()
                + " written files; not supported by the raster accessor: " + unsupported);
        assertThat(sources.size()).isGreaterThan(30);
        assertReadTheSame(written, ExternalReaders.dcmdumpComplaints(sources));
    }

    private void writeModifiedInEverySyntax(String baseName, DicomFile source, Map<Path, Raster> written)
            throws IOException {
        Raster changed = source.readRaster().copy();
        PixelAccessTest.flipLeastSignificantBitOfEverySeventh(changed);
        DicomFile modified = source.withRaster(changed);
        for (TransferSyntax syntax : TransferSyntax.NATIVE) {
            Path file = work.resolve(baseName + "." + syntax.uid() + ".dcm");
            Files.write(file, modified.transcode(syntax).toBytes());
            written.put(file, changed);
        }
    }

    /**
     * dcmdump notes it reads a private sequence of undefined length in an implicit VR file (whose tag it
     * cannot know) as a sequence, per CP-246: that is how any writer encodes such an element in implicit
     * VR, so this note alone is accepted.
     */
    private static final String IMPLICIT_PRIVATE_SEQUENCE_NOTE =
            "with VR UN and undefined length, reading a sequence with transfer syntax LittleEndianImplicit (CP-246)";

    /** dcmdump complaints about the written files, other than those it also has about their sources. */
    private void assertReadTheSame(Map<Path, Raster> written, List<String> sourceComplaints) throws Exception {
        List<Path> files = new ArrayList<>(written.keySet());
        List<String> complaints = new ArrayList<>();
        for (String complaint : ExternalReaders.dcmdumpComplaints(files)) {
            String message = complaint.substring(complaint.indexOf(": ") + 2);
            boolean implicitPrivateSequence = complaint.contains(".1.2.840.10008.1.2.dcm: W: Found element (")
                    && message.endsWith(IMPLICIT_PRIVATE_SEQUENCE_NOTE);
            if (!implicitPrivateSequence && sourceComplaints.stream().noneMatch(known -> known.endsWith(message))) {
                complaints.add(complaint);
            }
        }
        assertThat(complaints).isEmpty();
        Map<Path, String> hashes = ExternalReaders.pydicomHashes(files, work);
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<Path, Raster> entry : written.entrySet()) {
            String ours = ExternalReaders.hash(entry.getValue());
            if (!ours.equals(hashes.get(entry.getKey()))) {
                mismatches.add(entry.getKey().getFileName() + " pydicom=" + hashes.get(entry.getKey()));
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
