package org.cyberhealth.imaging.watermark;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * The container's view of the robust, lossless mark that carries the recipient code under the fragile
 * layer (see {@link org.cyberhealth.imaging.watermark.robust.RobustMark}). What it needs to
 * undo itself exactly (its side information) travels in the fragile layer's sealed bundle.
 */
interface RobustLayer {

    /**
     * Embeds {@code message} in place with {@code strength} (not {@link RobustMarking#NONE}) and returns
     * the side information that {@link #remove} needs, which says all removal must know of the strength.
     */
    Bits embed(Raster raster, Region region, Bits message, RobustMarking strength);

    /**
     * Undoes {@link #embed} exactly, given the same region, message and side information, as the
     * container of {@code containerVersion} holds it (see {@link ContainerHeader#VERSION}).
     */
    void remove(Raster raster, Region region, Bits message, Bits sideInformation, int containerVersion);
}
