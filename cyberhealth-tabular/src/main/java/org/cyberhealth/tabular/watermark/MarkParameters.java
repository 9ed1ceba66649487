package org.cyberhealth.tabular.watermark;

import org.cyberhealth.core.BadInputException;

/**
 * The settings of one marking campaign, shared by every copy of a table and needed again to detect.
 *
 * @param gamma one tuple in {@code gamma} carries a bit (Li, Swarup and Jajodia's gamma; 1 marks every
 *     tuple, which is the most robust and still moves each value by at most its declared distortion)
 * @param ownerBits the length of the owner mark that every copy carries (detection works on these)
 * @param codeLength the length of the recipients' fingerprint codewords (0 for a watermark only)
 */
public record MarkParameters(int gamma, int ownerBits, int codeLength) {

    public static final int DEFAULT_GAMMA = 1;
    public static final int DEFAULT_OWNER_BITS = 64;

    public MarkParameters {
        if (gamma < 1 || gamma > 1_000_000) {
            throw new BadInputException("gamma must be between 1 and 1000000, got " + gamma);
        }
        if (ownerBits < 16 || ownerBits > 4096) {
            throw new BadInputException("the owner mark must have between 16 and 4096 bits, got " + ownerBits);
        }
        if (codeLength < 0 || codeLength > 1 << 20) {
            throw new BadInputException("the codeword length must be between 0 and 1048576, got " + codeLength);
        }
    }

    /** Owner mark followed by the codeword. */
    public int messageLength() {
        return ownerBits + codeLength;
    }
}
