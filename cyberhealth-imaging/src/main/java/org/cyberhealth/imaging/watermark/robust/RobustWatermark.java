package org.cyberhealth.imaging.watermark.robust;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * A lossless mark that carries a short code robustly. Contract, shared by every implementation:
 * <ul>
 *   <li>{@link #embed} changes only samples for which {@link Region#mayChange} holds, keeps them in
 *       the raster's range, and returns side information (possibly empty) for {@link #remove}.</li>
 *   <li>{@link #remove} with the same message and side information restores the raster bit for bit.</li>
 *   <li>{@link #read} needs neither the original, the message nor the side information, and accepts a
 *       suspect copy with the marked picture's width and height but possibly another range.</li>
 * </ul>
 */
public interface RobustWatermark {

    /** A short stable name for reports. */
    String name();

    /** The length of the code this mark carries. */
    int messageBits();

    Bits embed(Raster raster, Region region, Bits message);

    void remove(Raster marked, Region region, Bits message, Bits sideInformation);

    RobustReading read(Raster suspect);
}
