package org.cyberhealth.imaging.watermark;

import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.watermark.reversible.AdaptiveMhmScheme;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;
import org.cyberhealth.imaging.watermark.reversible.ReversibleScheme;
import org.cyberhealth.imaging.watermark.reversible.Sachnev2009Scheme;
import org.cyberhealth.imaging.watermark.robust.RobustMark;

/**
 * The reversible schemes a watermark header may name, by their stable 4-bit id, and the robust layer.
 * Ids are part of the format: never renumber, only append.
 */
public final class WatermarkSchemes {

    private static final List<ReversibleScheme> BY_ID = List.of(new Sachnev2009Scheme(), new AdaptiveMhmScheme());

    /** The scheme used unless another is asked for: the best measured one. */
    public static final String DEFAULT = BY_ID.get(1).name();

    private WatermarkSchemes() {}

    public static ReversibleScheme byId(int id) {
        if (id < 0 || id >= BY_ID.size()) {
            throw new BadInputException("the watermark uses scheme " + id + ", unknown to this version of CyberHealth");
        }
        return BY_ID.get(id);
    }

    public static ReversibleScheme byName(String name) {
        return BY_ID.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown scheme '" + name + "' (choose one of " + names() + ")"));
    }

    public static List<String> names() {
        return BY_ID.stream().map(ReversibleScheme::name).toList();
    }

    public static int idOf(ReversibleScheme scheme) {
        for (int i = 0; i < BY_ID.size(); i++) {
            if (BY_ID.get(i).name().equals(scheme.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("scheme " + scheme.name() + " is not registered");
    }

    /** The robust recipient mark keyed with the issuer's embedding key, parameters chosen per raster. */
    static RobustLayer robustLayer(byte[] embeddingKey) {
        return new RobustLayer() {
            @Override
            public Bits embed(Raster raster, Region region, Bits message) {
                try {
                    return RobustMark.forRaster(embeddingKey, raster).embed(raster, region, message);
                } catch (IllegalArgumentException tooSmall) {
                    throw new CapacityExceededException("the image is too small for the robust recipient mark ("
                            + tooSmall.getMessage() + "); mark it without (--no-robust)");
                }
            }

            @Override
            public void remove(Raster raster, Region region, Bits message, Bits sideInformation) {
                RobustMark.forRaster(embeddingKey, raster).remove(raster, region, message, sideInformation);
            }
        };
    }
}
