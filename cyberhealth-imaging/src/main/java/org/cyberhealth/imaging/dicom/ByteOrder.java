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

    static DicomDataset convert(DicomDataset dataset, boolean toBigEndian) {
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
        byte[] value = element.rawValue().clone();
        int unit = element.vr().swapUnit();
        for (int start = 0; unit > 1 && start + unit <= value.length; start += unit) {
            for (int i = 0; i < unit / 2; i++) {
                byte b = value[start + i];
                value[start + i] = value[start + unit - 1 - i];
                value[start + unit - 1 - i] = b;
            }
        }
        return DicomElement.primitive(element.tag(), element.vr(), value, toBigEndian);
    }
}
