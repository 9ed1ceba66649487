package org.cyberhealth.imaging.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;

/**
 * A DICOM Part 10 file (PS3.10 section 7): optional 128-byte preamble and "DICM" prefix, optional file
 * meta information (group 0002, explicit VR little endian), and the data set in its transfer syntax.
 *
 * <p>The model keeps how every element was encoded, so {@link #write} of an unchanged file reproduces it
 * byte for byte; {@link #withRaster} changes only the pixel values; {@link #transcode} re-encodes in any of
 * the four native syntaxes. Instances are immutable.
 */
public final class DicomFile {

    private final byte[] preamble;
    private final DicomDataset meta;
    private final TransferSyntax syntax;
    private final DicomDataset dataset;
    private final byte[] trailing;
    private final DeflatedDataset deflated;

    DicomFile(byte[] preamble, DicomDataset meta, TransferSyntax syntax, DicomDataset dataset, byte[] trailing,
            DeflatedDataset deflated) {
        this.preamble = preamble;
        this.meta = meta;
        this.syntax = syntax;
        this.dataset = dataset;
        this.trailing = trailing;
        this.deflated = deflated;
    }

    /** Reads and parses a file; I/O errors are IOExceptions, malformed content a BadInputException. */
    public static DicomFile read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE - 64) {
            throw new BadInputException("DICOM: " + path + " is " + size + " bytes, larger than supported");
        }
        return read(Files.readAllBytes(path));
    }

    /** Parses the bytes of a file (not modified, not retained). */
    public static DicomFile read(byte[] bytes) {
        return DicomFileReader.read(bytes);
    }

    /** Whether the file starts like DICOM: preamble and "DICM", or a plausible first element without them. */
    public static boolean looksLikeDicom(Path path) {
        byte[] head = new byte[DicomFileReader.PREFIX_END];
        int count = 0;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = 0; count < head.length && (n = in.read(head, count, head.length - count)) >= 0; ) {
                count += n;
            }
        } catch (IOException | SecurityException unreadable) {
            return false;
        }
        return DicomFileReader.looksLikeDicom(head, count);
    }

    public TransferSyntax transferSyntax() {
        return syntax;
    }

    public DicomDataset dataset() {
        return dataset;
    }

    /** The file meta information, or null for a file without one. */
    public DicomDataset fileMetaInformation() {
        return meta;
    }

    /** The layout of the pixel data as the Image Pixel module describes it. */
    public PixelLayout pixelLayout() {
        return PixelLayout.of(dataset);
    }

    /** All frames and channels as one raster (see {@link PixelCodec}). */
    public Raster readRaster() {
        DicomElement pixelData = nativePixelData("read pixels");
        return new PixelCodec(pixelLayout(), pixelData).read(pixelData.rawValue());
    }

    /** A file whose pixel values are those of {@code raster}, every other byte identical. */
    public DicomFile withRaster(Raster raster) {
        DicomElement pixelData = nativePixelData("replace pixels");
        byte[] values = new PixelCodec(pixelLayout(), pixelData).write(pixelData.rawValue(), raster);
        return new DicomFile(preamble, meta, syntax, dataset.with(pixelData.withValue(values)), trailing, deflated);
    }

    private DicomElement nativePixelData(String operation) {
        syntax.requireNative(operation);
        DicomElement pixelData = dataset.get(Tag.PIXEL_DATA);
        if (pixelData == null || pixelData.rawValue() == null) {
            throw new BadInputException("DICOM: cannot " + operation + ": the data set has no native Pixel Data "
                    + Tag.toString(Tag.PIXEL_DATA));
        }
        return pixelData;
    }

    /** Writes the file in its own syntax; byte-identical to the input when nothing was changed. */
    public void write(OutputStream out) throws IOException {
        out.write(toBytes());
    }

    public byte[] toBytes() {
        syntax.requireNative("write");
        return encode(false);
    }

    /**
     * The file's bytes. Transcoding recomputes group lengths and drops what was kept only to reproduce
     * the input (trailing zero bytes, the original deflate stream).
     */
    private byte[] encode(boolean transcoding) {
        DicomWriter writer = new DicomWriter(transcoding);
        byte[] metaBytes = meta == null ? new byte[0] : writer.encode(meta, Encoding.EXPLICIT_LITTLE_ENDIAN);
        byte[] datasetBytes = concat(writer.encode(dataset, Encoding.of(syntax)), transcoding ? new byte[0] : trailing);
        if (syntax.isDeflated()) {
            datasetBytes = deflated != null && !transcoding ? deflated.deflate(datasetBytes)
                    : DeflatedDataset.deflateNew(datasetBytes);
        }
        byte[] prefix = preamble == null ? new byte[0] : concat(preamble, "DICM".getBytes(StandardCharsets.US_ASCII));
        return concat(concat(prefix, metaBytes), datasetBytes);
    }

    /** The same data set encoded in {@code target} (meta group updated, group lengths recomputed). */
    public DicomFile transcode(TransferSyntax target) {
        syntax.requireNative("transcode");
        target.requireNative("transcode");
        DicomDataset body = ByteOrder.convertTopLevel(dataset, syntax.isBigEndian(), target.isBigEndian());
        if (!target.isExplicitVr()) {
            body = ImplicitSequences.withUnknownSequencesUndefined(body);
        }
        DicomDataset targetMeta = FileMetaInformation.forSyntax(meta, dataset, target);
        byte[] targetPreamble = preamble != null ? preamble : new byte[DicomFileReader.PREAMBLE_LENGTH];
        return read(new DicomFile(targetPreamble, targetMeta, target, body, new byte[0], null).encode(true));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        if (second.length == 0) {
            return first;
        }
        byte[] result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
