package org.cyberhealth.imaging.watermark;

import org.cyberhealth.imaging.watermark.robust.LeakRehearsal;

/** Whether, and how strongly, {@link CryptoWatermark} embeds the robust recipient mark under the fragile layer. */
public enum RobustMarking {

    /** No robust mark: the copy verifies and restores, but {@code image trace} cannot name its recipient. */
    NONE,

    /**
     * The default strength: the code reads without error after JPEG 75 and 50 on 8-bit pictures, and on
     * a CT after a clinical window (W400, W2000) or the data's min-max window followed by JPEG 75.
     */
    STANDARD,

    /**
     * For an export that may be leaked through a converter that maps the whole stored range to 8 bits
     * before JPEG (16 HU a gray level on a 12-bit CT, as {@code dcmj2pnm} does by default): the mark is
     * rehearsed against the picture's widest usable windows followed by JPEG 75 and 80, and the bits that
     * read weakly are strengthened ({@link LeakRehearsal}); marking takes several plans instead of one.
     */
    STRONG
}
