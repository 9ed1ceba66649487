package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * A reversible (lossless) data-hiding scheme: it hides a payload in a region of a raster so that the
 * extractor gets the payload back and restores every sample exactly.
 *
 * <p>Contract, shared by every implementation:
 * <ul>
 *   <li>The region is self-describing: whatever the extractor needs (thresholds, payload length,
 *       location map) is stored inside the region, so {@link #extract} needs only the raster and the
 *       same region.</li>
 *   <li>Only samples for which {@link Region#mayChange} holds are changed; samples outside the region
 *       are neither changed nor read, so that regions can be embedded and extracted independently
 *       (and in parallel) and damage in one region does not spread to another.</li>
 *   <li>Marked samples stay inside {@code [raster.minValue(), raster.maxValue()]}.</li>
 *   <li>{@code extract(embed(x, p)) == p} and the raster afterwards equals {@code x}, bit for bit.</li>
 * </ul>
 */
public interface ReversibleScheme {

    /** A short stable name used in reports and benchmarks, e.g. {@code "sachnev2009"}. */
    String name();

    /**
     * Hides {@code payload} in {@code region} of {@code raster}, in place.
     *
     * @throws CapacityExceededException if the payload does not fit; the raster is then unchanged
     */
    void embed(Raster raster, Region region, Bits payload);

    /**
     * Reads the payload hidden in {@code region} and restores the region's original samples, in place.
     *
     * @throws ExtractionException if the region holds no valid embedding (never marked, or damaged);
     *     the raster may then be partly changed, so callers extract from a copy when they need it intact
     */
    Bits extract(Raster raster, Region region);

    /** The largest payload, in bits, that {@link #embed} accepts for this region (0 if none). */
    int capacity(Raster raster, Region region);
}
