package org.cyberhealth.tabular.lossless;

/**
 * What happens to a value that the rotation carries past an end of the attribute's range.
 */
public enum RangeEnds {
    /**
     * As in the paper (and De Vleeschouwer et al.'s circular interpretation it adapts): the range is the
     * circle, so a value rotated past the top reappears at the bottom. Values stay inside the declared
     * range, but those few jump across it; values outside the declared range are left as they are.
     */
    WRAP,
    /**
     * Our variant: the circle has {@code shift} empty positions beyond the top of the range, so every value
     * moves by exactly {@code shift} units and none jumps; a value at an end may leave the range by at most
     * {@code shift} units.
     */
    EXTEND
}
