package org.cyberhealth.imaging.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a data set between little and big endian by reversing the bytes of each number according to
 * its VR (PS3.5 7.3). Sequences held by UN of undefined length stay implicit VR little endian whatever
 * the syntax, so they are left alone, as are values whose VR is unknown (UN).
 */
final class ByteOrder {

    private ByteOrder() {
    }

    /**
     * The top-level data set in the byte order of the target syntax. Native Pixel Data is swapped by its
     * Bits Allocated rather than its VR, as readers interpret it (16-bit samples written as OB are still
     * 16-bit numbers in the syntax's byte order). 8-bit samples in OW are, in big endian, swapped in pairs
     * (PS3.5 8.1.1), which readers disagree on; written big endian they therefore become OB (allowed for 8
     * bits) with the samples in order.
     */
    static DicomDataset convertTopLevel(DicomDataset dataset, boolean fromBigEndian, boolean toBigEndian) {
        DicomDataset converted = fromBigEndian == toBigEndian ? dataset : convert(dataset, toBigEndian);
        DicomElement pixelData = dataset.get(Tag.PIXEL_DATA);
        Integer bitsAllocated = dataset.getInt(Tag.BITS_ALLOCATED);
        if (pixelData == null || pixelData.rawValue() == null || bitsAllocated == null) {
            return converted;
        }
        byte[] value = pixelData.rawValue();
        Vr vr = pixelData.vr();
        if (bitsAllocated <= 8) {
            if (fromBigEndian && vr == Vr.OW) {
                value = swapped(value, 2);
            }
            vr = toBigEndian && vr == Vr.OW ? Vr.OB : vr;
        } else if (fromBigEndian != toBigEndian) {
            value = swapped(value, bitsAllocated <= 16 ? 2 : bitsAllocated <= 32 ? 4 : 8);
        }
        return converted.with(DicomElement.primitive(Tag.PIXEL_DATA, vr, value, toBigEndian));
    }

    private static DicomDataset convert(DicomDataset dataset, boolean toBigEndian) {
        List<DicomElement> converted = new ArrayList<>(dataset.size());
        for (DicomElement element : dataset) {
            converted.add(convert(element, toBigEndian));
        }
        return new DicomDataset(converted);
    }

    private static DicomElement convert(DicomElement element, boolean toBigEndian) {
        if (element.isBigEndian() == toBigEndian || element.itemsImplicitLittleEndian()) {
            return element;
        }
        if (element.isSequence()) {
            List<DicomItem> items = new ArrayList<>();
            for (DicomItem item : element.items()) {
                items.add(new DicomItem(convert(item.dataset(), toBigEndian), item.isUndefinedLength()));
            }
            return DicomElement.sequence(element.tag(), element.vr(), element.length(), items, toBigEndian, false);
        }
        return DicomElement.primitive(element.tag(), element.vr(), swapped(element.rawValue(), element.vr().swapUnit()),
                toBigEndian);
    }

    /** A copy with the bytes of each {@code unit}-byte number reversed (a trailing partial unit kept). */
    private static byte[] swapped(byte[] original, int unit) {
        byte[] value = original.clone();
        for (int start = 0; unit > 1 && start + unit <= value.length; start += unit) {
            for (int i = 0; i < unit / 2; i++) {
                byte b = value[start + i];
                value[start + i] = value[start + unit - 1 - i];
                value[start + unit - 1 - i] = b;
            }
        }
        return value;
    }
}
