package org.cyberhealth.tabular.lossless;

import java.util.ArrayList;
import java.util.List;

/**
 * Who carries what, decided from the zones of the marked groups alone, so that the embedder (which
 * predicts those zones exactly) and the reader (which measures them) agree: the flag of the i-th
 * {@link Zone#FLAGGED} group (did it turn?) is carried by the i-th carrier in group order, and every
 * other carrier carries message bit {@code group mod messageLength}. Flagged groups are rare (a
 * sub-group centre of mass nearly opposite its twin); in most tables there are none and every carrier
 * carries the message.
 */
final class GroupRoles {

    private final int[] flagged;
    private final int[] flagCarriers;
    private final int[] messageCarriers;

    GroupRoles(Zone[] zones) {
        List<Integer> flaggedGroups = new ArrayList<>();
        List<Integer> carriers = new ArrayList<>();
        for (int group = 0; group < zones.length; group++) {
            if (zones[group] == Zone.FLAGGED) {
                flaggedGroups.add(group);
            } else if (zones[group] == Zone.CARRIER) {
                carriers.add(group);
            }
        }
        flagged = flaggedGroups.stream().mapToInt(Integer::intValue).toArray();
        int flags = Math.min(flagged.length, carriers.size());
        flagCarriers = carriers.subList(0, flags).stream().mapToInt(Integer::intValue).toArray();
        messageCarriers = carriers.subList(flags, carriers.size()).stream().mapToInt(Integer::intValue).toArray();
    }

    /** The groups whose turn a flag tells, in group order. */
    int[] flagged() {
        return flagged;
    }

    /** The carriers of the flags: {@code flagCarriers()[i]} tells whether {@code flagged()[i]} turned. */
    int[] flagCarriers() {
        return flagCarriers;
    }

    /** Whether there are enough carriers for every flag. */
    boolean flagsFit() {
        return flagCarriers.length == flagged.length;
    }

    int[] messageCarriers() {
        return messageCarriers;
    }

    static int messageBit(int group, int messageLength) {
        return group % messageLength;
    }
}
