package org.cyberhealth.assess.evasion.segmentation;

import java.util.Locale;

/**
 * What a segmentation attack wants. Untargeted: any wrong mask, i.e. the lowest Dice against the truth.
 * Targeted, after Xie et al. (dense adversary generation, ICCV 2017) and Ozbulak, Van Messem, De Neve
 * (MICCAI 2019): a chosen adversarial mask, built from the true one by {@link TargetMasks}: erase an organ
 * (its pixels become background) or inject one (a region becomes that organ).
 */
public enum Goal {
    UNTARGETED, ERASE, INJECT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean targeted() {
        return this != UNTARGETED;
    }

    public static Goal byId(String id) {
        for (Goal g : values()) {
            if (g.id().equals(id.toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown attack '" + id + "' (untargeted, erase, inject)");
    }
}
