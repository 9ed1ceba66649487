package org.cyberhealth.imaging.dicom;

/** One item of a sequence: its data set and whether it was encoded with undefined length. */
public final class DicomItem {

    private final DicomDataset dataset;
    private final boolean undefinedLength;

    DicomItem(DicomDataset dataset, boolean undefinedLength) {
        this.dataset = dataset;
        this.undefinedLength = undefinedLength;
    }

    public DicomDataset dataset() {
        return dataset;
    }

    public boolean isUndefinedLength() {
        return undefinedLength;
    }
}
