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

    /** The number of classes for the first {@code length} ranks: one per 1024 samples, at most 16. */
    static int classesFor(int length) {
        return Math.max(1, Math.min(16, length / 1024));
    }

    static int classOf(int rank, int length, int classes) {
        return (int) ((long) rank * classes / length);
    }

    @Override
    public ErrorExpansion at(int rank) {
        return rank < length ? expansions[classOf(rank, length, expansions.length)] : MirroredExpansion.IDENTITY;
    }

    @Override
    public void write(Bits out) {
        out.append(length, widthBits);
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
        MirroredExpansion[] expansions = new MirroredExpansion[classesFor(length)];
        for (int k = 0; k < expansions.length; k++) {
            HalfMapping left = HalfMapping.ofCode(in.gamma());
            expansions[k] = new MirroredExpansion(left, HalfMapping.ofCode(in.gamma()));
        }
        return new ClassedRule(length, expansions, usable);
    }
}
