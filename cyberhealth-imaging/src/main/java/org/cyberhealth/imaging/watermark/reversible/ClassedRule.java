package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * Multiple-histogram modification over ranks: the first {@code length} ranks of a layer are cut into
 * {@code expansions.length} equal complexity classes, each with its own expansion; later ranks stay
 * untouched.
 */
final class ClassedRule implements LayerRule {

    private final int length;
    private final MirroredExpansion[] expansions;
    private final int widthBits;

    ClassedRule(int length, MirroredExpansion[] expansions, int usable) {
        this.length = length;
        this.expansions = expansions;
        this.widthBits = BitReader.widthOf(usable);
    }

    /** The class counts worth trying for the first {@code length} ranks: at least 512 samples a class, at most 16. */
    static int[] classCountsFor(int length) {
        int most = Math.max(1, Math.min(16, length / 512));
        return most >= 16 ? new int[] {1, 4, 16} : most >= 4 ? new int[] {1, 4} : new int[] {1};
    }

    static int classOf(int rank, int length, int classes) {
        return (int) ((long) rank * classes / length);
    }

    /** The first rank of class {@code k}, consistent with {@link #classOf}. */
    static int classStart(int k, int length, int classes) {
        return (int) (((long) k * length + classes - 1) / classes);
    }

    @Override
    public ErrorExpansion at(int rank) {
        return rank < length ? expansions[classOf(rank, length, expansions.length)] : MirroredExpansion.IDENTITY;
    }

    @Override
    public void write(Bits out) {
        out.append(length, widthBits);
        BitReader.gamma(out, expansions.length);
        for (MirroredExpansion expansion : expansions) {
            BitReader.gamma(out, expansion.left().code());
            BitReader.gamma(out, expansion.right().code());
        }
    }

    static ClassedRule read(BitReader in, int usable) {
        int length = in.read(BitReader.widthOf(usable));
        if (length > usable) {
            throw new ExtractionException("no valid reversible watermark: class range beyond the region");
        }
        int classes = in.gamma();
        if (classes > Math.max(1, length)) {
            throw new ExtractionException("no valid reversible watermark: more classes than samples");
        }
        MirroredExpansion[] expansions = new MirroredExpansion[classes];
        for (int k = 0; k < expansions.length; k++) {
            HalfMapping left = HalfMapping.ofCode(in.gamma());
            expansions[k] = new MirroredExpansion(left, HalfMapping.ofCode(in.gamma()));
        }
        return new ClassedRule(length, expansions, usable);
    }
}
