package org.cyberhealth.imaging.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cyberhealth.core.BadInputException;

/**
 * Parses encoded data set bytes (PS3.5 section 7) into {@link DicomDataset}s. Every length is checked
 * against the bytes that remain before anything is allocated, nesting is limited to {@link #MAX_DEPTH}
 * sequences, and every problem is a one-line {@link BadInputException} naming the tag and byte offset.
 */
final class DicomParser {

    static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final String offsetLabel;
    private final VrDictionary dictionary = VrDictionary.standard();
    private int pos;
    private int bitsAllocated = 16;
    private int pixelRepresentation;

    /** @param offsetLabel how offsets are named in messages ("offset", or "inflated offset") */
    DicomParser(byte[] bytes, int start, String offsetLabel) {
        this.bytes = bytes;
        this.pos = start;
        this.offsetLabel = offsetLabel;
    }

    int position() {
        return pos;
    }

    /** Parses the file meta group: explicit VR little endian elements of group 0002 (PS3.10 7.1). */
    DicomDataset parseMetaGroup() {
        List<DicomElement> elements = new ArrayList<>();
        while (bytes.length - pos >= 2 && u16(pos, false) == 0x0002) {
            elements.add(parseElement(bytes.length, Encoding.EXPLICIT_LITTLE_ENDIAN, 0));
        }
        return new DicomDataset(elements);
    }

    /**
     * Parses the top-level data set up to the end of the bytes. Trailing bytes that are all zero (padding
     * some writers add) end the data set and are left for the caller, at {@link #position()}.
     */
    DicomDataset parseTopLevel(Encoding encoding) {
        List<DicomElement> elements = new ArrayList<>();
        while (pos < bytes.length && !(startsWithZeroTag() && onlyZerosFrom(pos))) {
            DicomElement element = parseElement(bytes.length, encoding, 0);
            elements.add(element);
            rememberPixelModule(element);
        }
        return new DicomDataset(elements);
    }

    private boolean startsWithZeroTag() {
        return bytes.length - pos < 4 || (bytes[pos] | bytes[pos + 1] | bytes[pos + 2] | bytes[pos + 3]) == 0;
    }

    private boolean onlyZerosFrom(int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Bits Allocated and Pixel Representation choose the VR of ambiguous implicit elements after them. */
    private void rememberPixelModule(DicomElement element) {
        Long number = element.firstNumber();
        if (number != null && element.tag() == Tag.BITS_ALLOCATED) {
            bitsAllocated = number.intValue();
        } else if (number != null && element.tag() == Tag.PIXEL_REPRESENTATION) {
            pixelRepresentation = number.intValue();
        }
    }

    private DicomElement parseElement(int end, Encoding encoding, int depth) {
        int start = pos;
        int tag = readTag(end, encoding.bigEndian, "element");
        if (Tag.group(tag) == 0xFFFE) {
            throw bad("unexpected item or delimiter tag " + Tag.toString(tag), start);
        }
        Vr vr;
        long length;
        if (encoding.explicitVr) {
            need(2, end, tag, start);
            vr = Vr.of(bytes[pos] & 0xFF, bytes[pos + 1] & 0xFF);
            if (vr == null) {
                throw bad("unknown VR '" + printable(bytes[pos]) + printable(bytes[pos + 1]) + "' in element "
                        + Tag.toString(tag), start);
            }
            pos += 2;
            if (vr.hasLongHeader()) {
                need(6, end, tag, start);
                if (bytes[pos] != 0 || bytes[pos + 1] != 0) {
                    // PS3.5 7.1.2 reserves them as 0000H; other values could not be written back unchanged.
                    throw bad("non-zero reserved bytes in the header of " + Tag.toString(tag), start);
                }
                pos += 2;
                length = u32(pos, encoding.bigEndian);
                pos += 4;
            } else {
                need(2, end, tag, start);
                length = u16(pos, encoding.bigEndian);
                pos += 2;
            }
        } else {
            need(4, end, tag, start);
            length = u32(pos, false);
            pos += 4;
            vr = dictionary.vrOf(tag, bitsAllocated, pixelRepresentation);
        }
        if (length == DicomElement.UNDEFINED_LENGTH) {
            return parseUndefinedLength(tag, vr, end, encoding, depth, start);
        }
        if (length > end - pos) {
            throw bad("element " + Tag.toString(tag) + " declares length " + length + " but only " + (end - pos)
                    + " bytes remain", start);
        }
        int valueEnd = pos + (int) length;
        if (vr == Vr.SQ) {
            List<DicomItem> items = parseDefinedLengthItems(tag, valueEnd, encoding, depth + 1);
            return DicomElement.sequence(tag, vr, length, items, encoding.bigEndian, false);
        }
        byte[] value = Arrays.copyOfRange(bytes, pos, valueEnd);
        pos = valueEnd;
        return DicomElement.primitive(tag, vr, value, encoding.bigEndian);
    }

    /**
     * Undefined length is legal for SQ, for UN holding a sequence in implicit VR little endian (PS3.5
     * 6.2.2), for an unknown element of an implicit VR data set (a private sequence), and for encapsulated
     * pixel data; anything else is malformed.
     */
    private DicomElement parseUndefinedLength(int tag, Vr vr, int end, Encoding encoding, int depth, int start) {
        if (tag == Tag.PIXEL_DATA) {
            return DicomElement.encapsulated(tag, vr, parseFragments(end, encoding), encoding.bigEndian);
        }
        if (vr == Vr.SQ) {
            return DicomElement.sequence(tag, vr, DicomElement.UNDEFINED_LENGTH,
                    parseUndefinedLengthItems(tag, end, encoding, depth + 1), encoding.bigEndian, false);
        }
        if (vr == Vr.UN) {
            boolean nestedImplicit = encoding.explicitVr;
            Vr recorded = encoding.explicitVr ? Vr.UN : Vr.SQ;
            return DicomElement.sequence(tag, recorded, DicomElement.UNDEFINED_LENGTH,
                    parseUndefinedLengthItems(tag, end, Encoding.IMPLICIT_LITTLE_ENDIAN, depth + 1),
                    false, nestedImplicit);
        }
        throw bad("element " + Tag.toString(tag) + " with VR " + vr + " has undefined length", start);
    }

    private List<DicomItem> parseUndefinedLengthItems(int sequenceTag, int end, Encoding encoding, int depth) {
        checkDepth(sequenceTag, depth);
        List<DicomItem> items = new ArrayList<>();
        while (true) {
            int start = pos;
            int tag = readTag(end, encoding.bigEndian, "sequence " + Tag.toString(sequenceTag));
            if (tag == Tag.SEQUENCE_DELIMITATION_ITEM) {
                readDelimiterLength(end, encoding, start);
                return items;
            }
            if (tag != Tag.ITEM) {
                throw bad("expected an item in sequence " + Tag.toString(sequenceTag) + ", found "
                        + Tag.toString(tag), start);
            }
            items.add(parseItem(sequenceTag, end, encoding, depth, start));
        }
    }

    private List<DicomItem> parseDefinedLengthItems(int sequenceTag, int end, Encoding encoding, int depth) {
        checkDepth(sequenceTag, depth);
        List<DicomItem> items = new ArrayList<>();
        while (pos < end) {
            int start = pos;
            int tag = readTag(end, encoding.bigEndian, "sequence " + Tag.toString(sequenceTag));
            if (tag != Tag.ITEM) {
                throw bad("expected an item in sequence " + Tag.toString(sequenceTag) + ", found "
                        + Tag.toString(tag), start);
            }
            items.add(parseItem(sequenceTag, end, encoding, depth, start));
        }
        return items;
    }

    private DicomItem parseItem(int sequenceTag, int end, Encoding encoding, int depth, int start) {
        need(4, end, sequenceTag, start);
        long length = u32(pos, encoding.bigEndian);
        pos += 4;
        List<DicomElement> elements = new ArrayList<>();
        if (length == DicomElement.UNDEFINED_LENGTH) {
            while (true) {
                if (pos + 4 <= end && readTagAt(pos, encoding.bigEndian) == Tag.ITEM_DELIMITATION_ITEM) {
                    int delimiter = pos;
                    pos += 4;
                    readDelimiterLength(end, encoding, delimiter);
                    return new DicomItem(new DicomDataset(elements), true);
                }
                if (pos >= end) {
                    throw bad("item of sequence " + Tag.toString(sequenceTag) + " has no item delimiter", start);
                }
                elements.add(parseElement(end, encoding, depth));
            }
        }
        if (length > end - pos) {
            throw bad("item of sequence " + Tag.toString(sequenceTag) + " declares length " + length
                    + " but only " + (end - pos) + " bytes remain", start);
        }
        int itemEnd = pos + (int) length;
        while (pos < itemEnd) {
            elements.add(parseElement(itemEnd, encoding, depth));
        }
        return new DicomItem(new DicomDataset(elements), false);
    }

    private List<byte[]> parseFragments(int end, Encoding encoding) {
        List<byte[]> fragments = new ArrayList<>();
        while (true) {
            int start = pos;
            int tag = readTag(end, encoding.bigEndian, "encapsulated pixel data");
            if (tag == Tag.SEQUENCE_DELIMITATION_ITEM) {
                readDelimiterLength(end, encoding, start);
                return fragments;
            }
            if (tag != Tag.ITEM) {
                throw bad("expected a fragment item in encapsulated pixel data, found " + Tag.toString(tag), start);
            }
            need(4, end, Tag.PIXEL_DATA, start);
            long length = u32(pos, encoding.bigEndian);
            pos += 4;
            if (length > end - pos) {
                throw bad("pixel data fragment declares length " + length + " but only " + (end - pos)
                        + " bytes remain", start);
            }
            fragments.add(Arrays.copyOfRange(bytes, pos, pos + (int) length));
            pos += (int) length;
        }
    }

    /** Delimiter items carry a zero length (PS3.5 7.5); anything else would not be reproduced. */
    private void readDelimiterLength(int end, Encoding encoding, int start) {
        need(4, end, Tag.ITEM_DELIMITATION_ITEM, start);
        long length = u32(pos, encoding.bigEndian);
        if (length != 0) {
            throw bad("delimiter item has non-zero length " + length, start);
        }
        pos += 4;
    }

    private void checkDepth(int sequenceTag, int depth) {
        if (depth > MAX_DEPTH) {
            throw bad("sequences nested deeper than " + MAX_DEPTH + " levels at " + Tag.toString(sequenceTag), pos);
        }
    }

    private int readTag(int end, boolean bigEndian, String context) {
        if (end - pos < 4) {
            throw bad("file ends inside " + context + " (truncated)", pos);
        }
        int tag = readTagAt(pos, bigEndian);
        pos += 4;
        return tag;
    }

    private int readTagAt(int at, boolean bigEndian) {
        return (u16(at, bigEndian) << 16) | u16(at + 2, bigEndian);
    }

    private void need(int count, int end, int tag, int start) {
        if (end - pos < count) {
            throw bad("file ends inside the header of " + Tag.toString(tag) + " (truncated)", start);
        }
    }

    private int u16(int at, boolean bigEndian) {
        int a = bytes[at] & 0xFF;
        int b = bytes[at + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    private long u32(int at, boolean bigEndian) {
        long first = u16(at, bigEndian);
        long second = u16(at + 2, bigEndian);
        return bigEndian ? (first << 16) | second : (second << 16) | first;
    }

    private static String printable(byte b) {
        int c = b & 0xFF;
        return c >= 0x20 && c < 0x7F ? Character.toString((char) c) : String.format("\\x%02X", c);
    }

    private BadInputException bad(String what, int at) {
        return new BadInputException("DICOM: " + what + " at " + offsetLabel + " " + at);
    }
}
