package org.cyberhealth.tabular.lossless;

/**
 * The reader's rule, from Franco-Contreras et al. (section III): embedding turns every group's relative
 * angle beta by +/-2 alpha (here {@code rotation}). A carrier (|beta| < 2 alpha) turns towards its bit
 * and ends within 4 alpha of zero with the bit as its sign; a non-carrier turns away from zero and ends
 * beyond 4 alpha. So a reader classifies a marked group by |beta| alone, and undoes its turn by the
 * sign of beta. That rule cannot be complete near the half turn: a group whose beta lies within
 * 2 alpha of pi cannot turn either way without crossing pi, so it stays as it is, and the reader must be
 * told, for each group it finds there, whether it turned ({@link Zone#FLAGGED}; how {@link GroupRoles}
 * tells it is our choice, see docs/LOSSLESS.md).
 *
 * <p>The boundaries are shifted inwards by a thousandth of the rotation, so that no group can reach the
 * carrier zone with only one of its two turns (which would fix its bit): such a group becomes a
 * non-carrier.
 */
final class Zones {

    private final double carrierLimit;
    private final double flaggedFrom;

    Zones(double rotation) {
        double margin = rotation / 1000;
        carrierLimit = 2 * rotation - margin;
        flaggedFrom = Math.PI - rotation - margin;
    }

    Zone of(double relativeAngle) {
        if (Double.isNaN(relativeAngle)) {
            return Zone.IDLE;
        }
        double size = Math.abs(relativeAngle);
        return size < carrierLimit ? Zone.CARRIER : size < flaggedFrom ? Zone.SHIFTED : Zone.FLAGGED;
    }

    /** The direction a reader undoes: +1 for a non-negative angle, -1 otherwise. */
    static int side(double relativeAngle) {
        return relativeAngle >= 0 ? 1 : -1;
    }
}
