package org.cyberhealth.tabular.lossless;

import java.util.BitSet;
import org.cyberhealth.core.BadInputException;

/**
 * Decides how every group turns, before a single value is written (Franco-Contreras et al., section
 * III): a carrier, whose relative angle lies within 2 alpha of zero, turns up for a 1 and down for a 0; a
 * non-carrier turns away from zero, so that the reader can tell it from a carrier and turn it back.
 *
 * <p>Rather than trusting the rule on the original angle, the planner looks at the angles a reader will
 * measure after each possible turn (the sums know them exactly) and keeps only turns the reader will
 * undo: a turn is valid when the reader's zone and sign lead it back. A carrier is a group whose two turns
 * are both valid and both land in the carrier zone; the others take the valid turn that pushes them out
 * of it, and near the half turn, where no turn is valid, they stay still under a flag.
 */
final class RotationPlanner {

    private final Zones zones;

    RotationPlanner(Zones zones) {
        this.zones = zones;
    }

    RotationPlan plan(CentreSums sums, BitSet message, int messageLength) {
        int groups = sums.groups();
        byte[] turns = new byte[groups];
        Zone[] landing = new Zone[groups];
        boolean[] free = new boolean[groups];
        for (int group = 0; group < groups; group++) {
            decide(sums, group, turns, landing, free);
        }
        GroupRoles roles = new GroupRoles(landing);
        if (!roles.flagsFit()) {
            throw new BadInputException(roles.flagged().length + " groups have sub-groups turned nearly opposite and need a flag each, but only "
                    + roles.flagCarriers().length + " groups can carry one: the groups hold too few rows (use fewer groups)");
        }
        int[] flagged = roles.flagged();
        int[] flagCarriers = roles.flagCarriers();
        for (int i = 0; i < flagged.length; i++) {
            carry(turns, free, flagCarriers[i], turns[flagged[i]] != 0);
        }
        for (int group : roles.messageCarriers()) {
            if (free[group]) {
                turns[group] = (byte) (message.get(GroupRoles.messageBit(group, messageLength)) ? 1 : -1);
            }
        }
        return new RotationPlan(turns, landing, roles);
    }

    /**
     * Chooses the group's turn. In order of preference: a carrier (both turns land in the carrier zone), a
     * turn out to the shifted zone, a turn into the flagged zone, standing still in the flagged zone, and
     * last a turn into the carrier zone that fixes the bit (the margins of {@link Zones} keep that last
     * case out of reach of rounding; it is kept so that the plan stays undoable whatever happens).
     */
    private void decide(CentreSums sums, int group, byte[] turns, Zone[] landing, boolean[] free) {
        Zone still = zones.of(sums.relativeAngle(group, 0));
        landing[group] = Zone.IDLE;
        if (still == Zone.IDLE) {
            return;
        }
        double upAngle = sums.relativeAngle(group, 1);
        double downAngle = sums.relativeAngle(group, -1);
        Zone up = undoable(upAngle, 1) ? zones.of(upAngle) : Zone.IDLE;
        Zone down = undoable(downAngle, -1) ? zones.of(downAngle) : Zone.IDLE;
        if (up == Zone.CARRIER && down == Zone.CARRIER) {
            free[group] = true;
            landing[group] = Zone.CARRIER;
        } else if (up == Zone.SHIFTED || down == Zone.SHIFTED) {
            land(turns, landing, group, up == Zone.SHIFTED ? 1 : -1, Zone.SHIFTED);
        } else if (up == Zone.FLAGGED || down == Zone.FLAGGED) {
            land(turns, landing, group, up == Zone.FLAGGED ? 1 : -1, Zone.FLAGGED);
        } else if (still == Zone.FLAGGED) {
            land(turns, landing, group, 0, Zone.FLAGGED);
        } else if (up == Zone.CARRIER || down == Zone.CARRIER) {
            land(turns, landing, group, up == Zone.CARRIER ? 1 : -1, Zone.CARRIER);
        } else {
            throw new BadInputException("group " + group + " of the lossless mark sits on a decision boundary and cannot turn reversibly; choose another number of groups");
        }
    }

    private static void land(byte[] turns, Zone[] landing, int group, int turn, Zone zone) {
        turns[group] = (byte) turn;
        landing[group] = zone;
    }

    /** Whether a reader who finds {@code angle} turns the group back by {@code direction}. */
    private boolean undoable(double angle, int direction) {
        return zones.of(angle) != Zone.IDLE && Zones.side(angle) == direction;
    }

    /** Makes carrier {@code group} carry {@code bit}; a carrier with only one valid turn already carries its own. */
    private static void carry(byte[] turns, boolean[] free, int group, boolean bit) {
        if (free[group]) {
            turns[group] = (byte) (bit ? 1 : -1);
        } else if ((turns[group] > 0) != bit) {
            throw new BadInputException("group " + group + " of the lossless mark sits on a decision boundary and cannot carry its flag; choose another number of groups");
        }
    }
}
