package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/** A planned modification of one layer: the expansion used at each rank of the layer's sorted order. */
interface LayerRule {

    ErrorExpansion at(int rank);

    /** Appends the parameters the extractor needs to rebuild this rule. */
    void write(Bits out);
}
