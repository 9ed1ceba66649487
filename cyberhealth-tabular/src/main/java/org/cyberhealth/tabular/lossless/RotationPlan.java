package org.cyberhealth.tabular.lossless;

/**
 * The embedder's decisions: each group's turn (+1, -1 or 0), the zone a reader will find it in, and
 * who carries what.
 */
record RotationPlan(byte[] turns, Zone[] zones, GroupRoles roles) {

    int count(Zone zone) {
        int count = 0;
        for (Zone z : zones) {
            if (z == zone) {
                count++;
            }
        }
        return count;
    }
}
