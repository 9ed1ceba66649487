package org.cyberhealth.imaging.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a data set for implicit VR: a reader recognises a sequence there only through its dictionary
 * or, for a tag it does not know (private ones), through an undefined length (PS3.5 6.2.2, CP-246). So
 * sequences whose tag the dictionary does not list as SQ get undefined length; a defined length would
 * turn them into opaque bytes for every reader.
 */
final class ImplicitSequences {

    private ImplicitSequences() {
    }

    static DicomDataset withUnknownSequencesUndefined(DicomDataset dataset) {
        VrDictionary dictionary = VrDictionary.standard();
        List<DicomElement> elements = new ArrayList<>(dataset.size());
        boolean changed = false;
        for (DicomElement element : dataset) {
            DicomElement prepared = element;
            if (element.isSequence()) {
                List<DicomItem> items = new ArrayList<>();
                for (DicomItem item : element.items()) {
                    items.add(new DicomItem(withUnknownSequencesUndefined(item.dataset()), item.isUndefinedLength()));
                }
                boolean known = dictionary.vrOf(element.tag(), 16, 0) == Vr.SQ;
                long length = known ? element.length() : DicomElement.UNDEFINED_LENGTH;
                prepared = DicomElement.sequence(element.tag(), element.vr(), length, items, element.isBigEndian(),
                        element.itemsImplicitLittleEndian());
                changed = true;
            }
            elements.add(prepared);
        }
        return changed ? new DicomDataset(elements) : dataset;
    }
}
