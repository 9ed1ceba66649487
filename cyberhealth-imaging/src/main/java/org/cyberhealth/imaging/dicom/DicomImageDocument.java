package org.cyberhealth.imaging.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.imaging.ImageDocument;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;

/** A DICOM file as an {@link ImageDocument}: writing it back changes the pixel values and nothing else. */
public final class DicomImageDocument implements ImageDocument {

    private final Path path;
    private final DicomFile file;

    private DicomImageDocument(Path path, DicomFile file) {
        this.path = path;
        this.file = file;
    }

    public static DicomImageDocument read(Path path) {
        try {
            return new DicomImageDocument(path, DicomFile.read(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public DicomFile file() {
        return file;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "DICOM, " + file.transferSyntax().name();
    }

    @Override
    public boolean hasPixels() {
        return file.dataset().contains(Tag.PIXEL_DATA);
    }

    @Override
    public Raster raster() {
        return file.readRaster();
    }

    @Override
    public int planeRows() {
        return file.pixelLayout().rows();
    }

    @Override
    public ImageIdentity identity() {
        DicomDataset d = file.dataset();
        return new ImageIdentity(d.getString(Tag.PATIENT_ID), d.getString(Tag.STUDY_INSTANCE_UID),
                d.getString(Tag.SERIES_INSTANCE_UID), d.getString(Tag.SOP_INSTANCE_UID));
    }

    @Override
    public void write(Raster samples, Path target, boolean overwrite) {
        byte[] bytes = file.withRaster(samples).toBytes();
        AtomicOutput.write(target, overwrite, bytes);
    }

    @Override
    public Map<String, Object> describe() {
        PixelLayout p = file.pixelLayout();
        ImageIdentity id = identity();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("format", format());
        facts.put("transferSyntaxUid", file.transferSyntax().uid());
        facts.put("columns", p.columns());
        facts.put("rows", p.rows());
        facts.put("frames", p.frames());
        facts.put("samplesPerPixel", p.samplesPerPixel());
        facts.put("photometricInterpretation", p.photometricInterpretation());
        facts.put("bitsAllocated", p.bitsAllocated());
        facts.put("bitsStored", p.bitsStored());
        facts.put("signed", p.signed());
        facts.put("patientId", id.patientId());
        facts.put("studyInstanceUid", id.studyInstanceUid());
        facts.put("seriesInstanceUid", id.seriesInstanceUid());
        facts.put("sopInstanceUid", id.sopInstanceUid());
        return facts;
    }
}
