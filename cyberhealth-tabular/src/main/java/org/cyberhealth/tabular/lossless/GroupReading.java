package org.cyberhealth.tabular.lossless;

/**
 * What a reader makes of a (possibly marked) table's measured centres of mass: each group's relative
 * angle and zone, the turns to undo for restoration, and the message votes of the carriers.
 */
final class GroupReading {

    private final double[] angles;
    private final Zone[] zones;
    private final GroupRoles roles;

    GroupReading(CentreSums sums, Zones rule) {
        int groups = sums.groups();
        angles = new double[groups];
        zones = new Zone[groups];
        for (int group = 0; group < groups; group++) {
            angles[group] = sums.relativeAngle(group, 0);
            zones[group] = rule.of(angles[group]);
        }
        roles = new GroupRoles(zones);
    }

    int groups() {
        return angles.length;
    }

    double angle(int group) {
        return angles[group];
    }

    Zone zone(int group) {
        return zones[group];
    }

    /**
     * The turn each group was given, as far as this table tells: towards its sign for carriers and
     * shifted groups, towards its sign or none for flagged groups as their flag says (none when the flag
     * is missing, which happens only in a table that was altered or never marked).
     */
    byte[] turns() {
        byte[] turns = new byte[angles.length];
        for (int group = 0; group < angles.length; group++) {
            if (zones[group] == Zone.CARRIER || zones[group] == Zone.SHIFTED) {
                turns[group] = (byte) Zones.side(angles[group]);
            }
        }
        int[] flagged = roles.flagged();
        int[] flagCarriers = roles.flagCarriers();
        for (int i = 0; i < flagCarriers.length; i++) {
            if (Zones.side(angles[flagCarriers[i]]) > 0) {
                turns[flagged[i]] = (byte) Zones.side(angles[flagged[i]]);
            }
        }
        return turns;
    }

    /** Each message bit's votes: one per carrier of that bit, its sign. */
    Extraction message(int messageLength) {
        int[] ones = new int[messageLength];
        int[] zeros = new int[messageLength];
        for (int group : roles.messageCarriers()) {
            int bit = GroupRoles.messageBit(group, messageLength);
            if (Zones.side(angles[group]) > 0) {
                ones[bit]++;
            } else {
                zeros[bit]++;
            }
        }
        return Extraction.ofVotes(ones, zeros, angles.length);
    }
}
