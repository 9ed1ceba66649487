package org.cyberhealth.imaging.dicom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The elements of a data set (or of an item) in the order they were encoded. Immutable. */
public final class DicomDataset implements Iterable<DicomElement> {

    private final List<DicomElement> elements;
    private final Map<Integer, Integer> indexByTag;

    DicomDataset(List<DicomElement> elements) {
        this.elements = Collections.unmodifiableList(new ArrayList<>(elements));
        this.indexByTag = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            indexByTag.putIfAbsent(elements.get(i).tag(), i);
        }
    }

    /** The element with this tag, or null. */
    public DicomElement get(int tag) {
        Integer index = indexByTag.get(tag);
        return index == null ? null : elements.get(index);
    }

    public boolean contains(int tag) {
        return indexByTag.containsKey(tag);
    }

    /**
     * The text value with padding trimmed (UTF-8 when Specific Character Set says ISO_IR 192, Latin-1
     * otherwise), the number for a binary integer element, or null when absent.
     */
    public String getString(int tag) {
        DicomElement element = get(tag);
        if (element == null) {
            return null;
        }
        String text = element.text(isUtf8());
        if (text != null) {
            return text;
        }
        Long number = element.firstNumber();
        return number == null ? null : number.toString();
    }

    /** The first value of a US, SS, UL, SL or IS element, or null when absent, empty or not an integer. */
    public Integer getInt(int tag) {
        DicomElement element = get(tag);
        if (element == null) {
            return null;
        }
        Long number = element.firstNumber();
        if (number == null && element.vr() == Vr.IS) {
            String text = element.text(false);
            int backslash = text.indexOf('\\');
            String first = (backslash < 0 ? text : text.substring(0, backslash)).trim();
            try {
                number = first.isEmpty() ? null : Long.parseLong(first.startsWith("+") ? first.substring(1) : first);
            } catch (NumberFormatException notAnInteger) {
                return null;
            }
        }
        if (number == null || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            return null;
        }
        return number.intValue();
    }

    private boolean isUtf8() {
        DicomElement charset = get(Tag.SPECIFIC_CHARACTER_SET);
        return charset != null && charset.text(false).contains("ISO_IR 192");
    }

    public int size() {
        return elements.size();
    }

    public List<DicomElement> elements() {
        return elements;
    }

    @Override
    public Iterator<DicomElement> iterator() {
        return elements.iterator();
    }

    /** A data set with the element of the same tag replaced, or inserted in ascending tag order. */
    DicomDataset with(DicomElement element) {
        List<DicomElement> copy = new ArrayList<>(elements);
        Integer index = indexByTag.get(element.tag());
        if (index != null) {
            copy.set(index, element);
        } else {
            int at = 0;
            while (at < copy.size() && Integer.compareUnsigned(copy.get(at).tag(), element.tag()) < 0) {
                at++;
            }
            copy.add(at, element);
        }
        return new DicomDataset(copy);
    }
}
