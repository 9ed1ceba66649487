package org.cyberhealth.imaging.watermark;

import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.watermark.reversible.ReversibleScheme;

/**
 * The reversible schemes a watermark header may name, by their stable 4-bit id, and the robust layer.
 * Ids are part of the format: never renumber.
 */
public final class WatermarkSchemes {

    private static final List<ReversibleScheme> BY_ID = List.of();

    private WatermarkSchemes() {}

    public static ReversibleScheme byId(int id) {
        if (id < 0 || id >= BY_ID.size()) {
            throw new BadInputException("the watermark uses scheme " + id + ", unknown to this version of CyberHealth");
        }
        return BY_ID.get(id);
    }

    public static int idOf(ReversibleScheme scheme) {
        for (int i = 0; i < BY_ID.size(); i++) {
            if (BY_ID.get(i).name().equals(scheme.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("scheme " + scheme.name() + " is not registered");
    }

    /** The robust recipient mark keyed with the issuer's embedding key. */
    static RobustLayer robustLayer(byte[] embeddingKey) {
        throw new UnsupportedOperationException("robust layer not wired yet");
    }
}
