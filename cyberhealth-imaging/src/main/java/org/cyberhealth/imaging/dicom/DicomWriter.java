package org.cyberhealth.imaging.dicom;

import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * Encodes data sets (PS3.5 section 7). Lengths of defined-length sequences and items are computed from
 * their content, undefined lengths stay undefined, values are written exactly as stored. When transcoding,
 * group length elements (gggg,0000) are recomputed, because header sizes differ between syntaxes.
 */
final class DicomWriter {

    private static final int ITEM_HEADER = 8;

    private final boolean recomputeGroupLengths;
    private byte[] out;
    private int pos;

    DicomWriter(boolean recomputeGroupLengths) {
        this.recomputeGroupLengths = recomputeGroupLengths;
    }

    /** The encoded data set. */
    byte[] encode(DicomDataset dataset, Encoding encoding) {
        out = new byte[Math.toIntExact(datasetLength(dataset, encoding))];
        pos = 0;
        writeDataset(dataset, encoding);
        return out;
    }

    long datasetLength(DicomDataset dataset, Encoding encoding) {
        long total = 0;
        for (DicomElement element : dataset) {
            total += elementLength(element, encoding);
        }
        return total;
    }

    private long elementLength(DicomElement element, Encoding encoding) {
        long header = !encoding.explicitVr ? 8 : element.vr().hasLongHeader() ? 12 : 8;
        if (element.isEncapsulated()) {
            long total = header + ITEM_HEADER;
            for (byte[] fragment : element.fragments()) {
                total += ITEM_HEADER + fragment.length;
            }
            return total;
        }
        if (element.isSequence()) {
            return header + sequenceContentLength(element, encoding)
                    + (element.isUndefinedLength() ? ITEM_HEADER : 0);
        }
        return header + element.rawValue().length;
    }

    private long sequenceContentLength(DicomElement sequence, Encoding encoding) {
        Encoding itemEncoding = sequence.itemsImplicitLittleEndian() ? Encoding.IMPLICIT_LITTLE_ENDIAN : encoding;
        long total = 0;
        for (DicomItem item : sequence.items()) {
            total += ITEM_HEADER + datasetLength(item.dataset(), itemEncoding)
                    + (item.isUndefinedLength() ? ITEM_HEADER : 0);
        }
        return total;
    }

    private void writeDataset(DicomDataset dataset, Encoding encoding) {
        List<DicomElement> elements = dataset.elements();
        for (int i = 0; i < elements.size(); i++) {
            DicomElement element = elements.get(i);
            if (recomputeGroupLengths && Tag.isGroupLength(element.tag()) && element.rawValue() != null
                    && element.rawValue().length == 4) {
                element = element.withValue(groupLength(elements, i, encoding));
            }
            writeElement(element, encoding);
        }
    }

    /** The 4-byte UL value of the group length at {@code index}: the encoded size of the rest of the group. */
    private byte[] groupLength(List<DicomElement> elements, int index, Encoding encoding) {
        int group = Tag.group(elements.get(index).tag());
        long length = 0;
        for (int i = index + 1; i < elements.size() && Tag.group(elements.get(i).tag()) == group; i++) {
            length += elementLength(elements.get(i), encoding);
        }
        byte[] value = new byte[4];
        for (int i = 0; i < 4; i++) {
            value[encoding.bigEndian ? 3 - i : i] = (byte) (length >>> (8 * i));
        }
        return value;
    }

    private void writeElement(DicomElement element, Encoding encoding) {
        long length;
        if (element.isUndefinedLength()) {
            length = DicomElement.UNDEFINED_LENGTH;
        } else if (element.isSequence()) {
            length = sequenceContentLength(element, encoding);
        } else {
            length = element.rawValue().length;
        }
        writeTag(element.tag(), encoding.bigEndian);
        Vr vr = element.vr();
        if (!encoding.explicitVr) {
            u32(length, false);
        } else {
            out[pos++] = (byte) vr.name().charAt(0);
            out[pos++] = (byte) vr.name().charAt(1);
            if (vr.hasLongHeader()) {
                out[pos++] = 0;
                out[pos++] = 0;
                u32(length, encoding.bigEndian);
            } else if (length > 0xFFFF) {
                throw new BadInputException("DICOM: element " + Tag.toString(element.tag()) + " with VR " + vr
                        + " is " + length + " bytes long, too long for an explicit VR header");
            } else {
                u16((int) length, encoding.bigEndian);
            }
        }
        if (element.isEncapsulated()) {
            for (byte[] fragment : element.fragments()) {
                writeTag(Tag.ITEM, encoding.bigEndian);
                u32(fragment.length, encoding.bigEndian);
                bytes(fragment);
            }
            writeDelimiter(Tag.SEQUENCE_DELIMITATION_ITEM, encoding.bigEndian);
        } else if (element.isSequence()) {
            writeItems(element, encoding);
        } else {
            bytes(element.rawValue());
        }
    }

    private void writeItems(DicomElement sequence, Encoding encoding) {
        Encoding itemEncoding = sequence.itemsImplicitLittleEndian() ? Encoding.IMPLICIT_LITTLE_ENDIAN : encoding;
        for (DicomItem item : sequence.items()) {
            writeTag(Tag.ITEM, itemEncoding.bigEndian);
            u32(item.isUndefinedLength() ? DicomElement.UNDEFINED_LENGTH
                    : datasetLength(item.dataset(), itemEncoding), itemEncoding.bigEndian);
            writeDataset(item.dataset(), itemEncoding);
            if (item.isUndefinedLength()) {
                writeDelimiter(Tag.ITEM_DELIMITATION_ITEM, itemEncoding.bigEndian);
            }
        }
        if (sequence.isUndefinedLength()) {
            writeDelimiter(Tag.SEQUENCE_DELIMITATION_ITEM, itemEncoding.bigEndian);
        }
    }

    private void writeDelimiter(int tag, boolean bigEndian) {
        writeTag(tag, bigEndian);
        u32(0, bigEndian);
    }

    private void writeTag(int tag, boolean bigEndian) {
        u16(tag >>> 16, bigEndian);
        u16(tag & 0xFFFF, bigEndian);
    }

    private void u16(int value, boolean bigEndian) {
        out[pos++] = (byte) (bigEndian ? value >>> 8 : value);
        out[pos++] = (byte) (bigEndian ? value : value >>> 8);
    }

    private void u32(long value, boolean bigEndian) {
        if (bigEndian) {
            u16((int) (value >>> 16), true);
            u16((int) value, true);
        } else {
            u16((int) value, false);
            u16((int) (value >>> 16), false);
        }
    }

    private void bytes(byte[] value) {
        System.arraycopy(value, 0, out, pos, value.length);
        pos += value.length;
    }
}
