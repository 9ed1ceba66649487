package org.cyberhealth.imaging.watermark.reversible;

/**
 * Reversible watermarking by sorting and prediction: V. Sachnev, H. J. Kim, J. Nam, S. Suresh and
 * Y. Q. Shi, "Reversible watermarking algorithm using sorting and prediction", IEEE Transactions on
 * Circuits and Systems for Video Technology 19(7):989-999, 2009.
 *
 * <p>As in the paper: rhombus prediction (floored mean of the four neighbours); the cross set is marked
 * first with the first half of the payload, then the dot set with the second half; in each set the
 * samples are sorted by the local variance of their neighbours (eq. 9) and prediction errors in
 * {@code [Tn, Tp]} are expanded, the others shifted, with thresholds as small as the payload allows;
 * embedding stops as soon as the payload is in, so the busiest samples stay untouched; samples that
 * would overflow are skipped and recorded in a compressed location map; the side information (thresholds,
 * end position, map) sits in the LSBs of reserved samples whose original LSBs are embedded with the
 * payload. Samples whose 4-neighbourhood leaves the region are context only, so regions are
 * independent. See {@link TwoLayerPee} for the exact layout of the side information.
 */
public final class Sachnev2009Scheme extends TwoLayerScheme {

    public Sachnev2009Scheme() {
        super("sachnev2009", new SachnevRanking(), false, false);
    }
}
