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
import org.cyberhealth.imaging.watermark.robust.LeakRehearsal;
import org.cyberhealth.imaging.watermark.robust.RobustMark;
import org.cyberhealth.imaging.watermark.robust.RobustParameters;

/**
 * The reversible schemes a watermark header may name, by their stable 4-bit id, and the robust layer.
 * Ids are part of the format: never renumber, only append.
 */
public final class WatermarkSchemes {

    /** Id 1 is ours-mhm as it was before blocks could be marked in one layer: it reads older containers. */
    private static final List<ReversibleScheme> BY_ID = List.of(new Sachnev2009Scheme(), AdaptiveMhmScheme.withTwoLayerBlocks(),
            new AdaptiveMhmScheme());

    /** The schemes a user may mark with. */
    private static final List<ReversibleScheme> CHOOSABLE = List.of(BY_ID.get(0), BY_ID.get(2));

    /** The scheme used unless another is asked for: the best measured one. */
    public static final String DEFAULT = BY_ID.get(2).name();

    private WatermarkSchemes() {}

    public static ReversibleScheme byId(int id) {
        if (id < 0 || id >= BY_ID.size()) {
            throw new BadInputException("the watermark uses scheme " + id + ", unknown to this version of CyberHealth");
        }
        return BY_ID.get(id);
    }

    public static ReversibleScheme byName(String name) {
        return CHOOSABLE.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown scheme '" + name + "' (choose one of " + names() + ")"));
    }

    public static List<String> names() {
        return CHOOSABLE.stream().map(ReversibleScheme::name).toList();
    }

    public static int idOf(ReversibleScheme scheme) {
        for (int i = 0; i < BY_ID.size(); i++) {
            if (BY_ID.get(i).name().equals(scheme.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("scheme " + scheme.name() + " is not registered");
    }

    /**
     * The robust recipient mark keyed with the issuer's embedding key. Its strength follows the range
     * the image really uses ({@link RobustParameters#markedRangeBits}), not the range its format allows:
     * a CT stored as signed 16-bit spans a few thousand levels, and a strength scaled to 65536 levels
     * would be visible. That range, as a bit count, is kept in the first bits of the side information so
     * that removal uses the same strength.
     */
    static RobustLayer robustLayer(byte[] embeddingKey) {
        return new RobustLayer() {
            @Override
            public Bits embed(Raster raster, Region region, Bits message, RobustMarking strength) {
                int bits = RobustParameters.markedRangeBits(raster);
                try {
                    RobustMark mark = new RobustMark(embeddingKey, parametersFor(bits, ContainerHeader.VERSION));
                    Bits side = (strength == RobustMarking.STRONG ? LeakRehearsal.rehearsing(mark) : mark).embed(raster, region, message);
                    return new Bits(RANGE_FIELD_BITS + side.length()).append(bits, RANGE_FIELD_BITS).append(side);
                } catch (BadInputException tooSmall) {
                    throw new CapacityExceededException("the image is too small for the robust recipient mark ("
                            + tooSmall.getMessage() + "); mark it without (--no-robust)");
                }
            }

            @Override
            public void remove(Raster raster, Region region, Bits message, Bits side, int containerVersion) {
                int bits = (int) side.read(0, RANGE_FIELD_BITS);
                RobustMark.SideCoding coding = containerVersion >= 4 ? RobustMark.SideCoding.NUMBERS_OR_FLAGS : RobustMark.SideCoding.NUMBERS;
                // the strengths chosen are in the side information: the margins they were planned for, rehearsed or not, are not needed
                new RobustMark(embeddingKey, parametersFor(bits, containerVersion))
                        .remove(raster, region, message, side.slice(RANGE_FIELD_BITS, side.length()), coding);
            }

            /** The default parameters a container of {@code containerVersion} marks a picture spanning {@code bits} bits with. */
            private RobustParameters parametersFor(int bits, int containerVersion) {
                RobustParameters parameters = RobustParameters.forRangeBits(bits);
                // before version 5 every range was marked in 2x2-pixel units
                return containerVersion <= 4 ? parameters.withUnit(2) : parameters;
            }
        };
    }

    private static final int RANGE_FIELD_BITS = 5;
}
