package org.cyberhealth.imaging.watermark;

/**
 * How a raster was marked.
 *
 * @param scheme the reversible scheme's name
 * @param blockSize the side of the tamper-localisation blocks, in samples
 * @param blocks the number of blocks
 * @param untouchedBlocks blocks left untouched because they meet the region of interest
 * @param payloadBits every bit embedded by the fragile layer (tags, bundle copies, header)
 * @param bitsPerSample payloadBits divided by the number of samples
 * @param robust whether the robust recipient mark was embedded
 */
public record MarkReport(String scheme, int blockSize, int blocks, int untouchedBlocks, long payloadBits,
        double bitsPerSample, boolean robust) {}
