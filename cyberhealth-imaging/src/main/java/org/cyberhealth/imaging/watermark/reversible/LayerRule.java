package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/** A planned modification of one layer: the expansion used at each rank of the layer's sorted order. */
interface LayerRule {

    ErrorExpansion at(int rank);

    /** Whether ranks {@code rank} and {@code rank + 1} are modified jointly ({@link PairwiseExpansion}). */
    default boolean paired(int rank) {
        return false;
    }

    /**
     * The end of the run of single (unpaired) ranks from {@code rank} on that share {@code at(rank)}: walks
     * fetch the expansion once a run. At least {@code rank + 1}.
     */
    default int runEnd(int rank) {
        return rank + 1;
    }

    /** Appends the parameters the extractor needs to rebuild this rule. */
    void write(Bits out);
}
