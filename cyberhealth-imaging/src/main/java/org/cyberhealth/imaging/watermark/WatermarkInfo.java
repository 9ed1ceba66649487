package org.cyberhealth.imaging.watermark;

/** The public facts in a watermark header: who marked it (key id) and how. */
public record WatermarkInfo(String keyId, String scheme, int blockSize, boolean robust, int untouchedBlocks) {}
