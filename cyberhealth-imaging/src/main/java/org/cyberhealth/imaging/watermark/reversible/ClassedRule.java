package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * Multiple-histogram modification over ranks: the first {@code length} ranks of a layer are cut into
 * {@code expansions.length} equal complexity classes, each with its own expansion, or pairwise
 * expansion of consecutive ranks ({@link PairwiseExpansion}); later ranks stay untouched. A single
 * class spans the whole usable layer (the walk stops once the payload is in anyway), so its length is
 * not written: a small block's rule costs a few bits.
 */
final class ClassedRule implements LayerRule {

    private final int length;
    private final MirroredExpansion[] expansions;
    private final boolean[] pairwise;
    private final int widthBits;
    /** {@link #classStart} of every class and of the end: walks ask for every rank, so no division there. */
    private final int[] starts;

    /** @param pairwise per class, whether it is modified pairwise (its expansion is then ignored) */
    ClassedRule(int length, MirroredExpansion[] expansions, boolean[] pairwise, int usable) {
        this.length = length;
        this.expansions = expansions;
        this.pairwise = pairwise;
        this.widthBits = BitReader.widthOf(usable);
        this.starts = new int[expansions.length + 1];
        for (int k = 0; k <= expansions.length; k++) {
            starts[k] = classStart(k, length, expansions.length);
        }
    }

    /** The class of {@code rank < length}: {@code floor(rank * classes / length)}, as {@link #classStart} defines. */
    private int classAt(int rank) {
        return (int) ((long) rank * expansions.length / length);
    }

    static ClassedRule untouched(int usable) {
        return single(MirroredExpansion.IDENTITY, false, usable);
    }

    /** The class counts worth trying for the first {@code length} ranks: at least 512 samples a class, at most 16. */
    static int[] classCountsFor(int length) {
        int most = Math.max(1, Math.min(16, length / 512));
        return most >= 16 ? new int[] {1, 4, 16} : most >= 4 ? new int[] {1, 4} : new int[] {1};
    }

    /** The first rank of class {@code k}: class {@code k} holds the ranks {@code r} with {@code floor(r * classes / length) == k}. */
    static int classStart(int k, int length, int classes) {
        return (int) (((long) k * length + classes - 1) / classes);
    }

    @Override
    public ErrorExpansion at(int rank) {
        if (rank >= length) {
            return MirroredExpansion.IDENTITY;
        }
        int k = classAt(rank);
        return pairwise[k] ? PairwiseExpansion.SINGLE : expansions[k];
    }

    /** Pairs start at even offsets within a pairwise class; a last odd sample is left single. */
    @Override
    public boolean paired(int rank) {
        if (rank >= length) {
            return false;
        }
        int k = classAt(rank);
        return pairwise[k] && ((rank - starts[k]) & 1) == 0 && rank + 1 < starts[k + 1];
    }

    /** This rule over {@code usable} candidate samples if it is one class (which spans them all), else null. */
    ClassedRule over(int usable) {
        return expansions.length == 1 ? single(expansions[0], pairwise[0], usable) : null;
    }

    /** One class over the whole usable layer. */
    static ClassedRule single(MirroredExpansion expansion, boolean pairwise, int usable) {
        return new ClassedRule(usable, new MirroredExpansion[] {expansion}, new boolean[] {pairwise}, usable);
    }

    /** A class of single expansions is one run; past the classes every rank is left alone; a pairwise class's last odd rank is a run of its own. */
    @Override
    public int runEnd(int rank) {
        if (rank >= length) {
            return Integer.MAX_VALUE;
        }
        int k = classAt(rank);
        return pairwise[k] ? rank + 1 : starts[k + 1];
    }

    @Override
    public void write(Bits out) {
        BitReader.gamma(out, expansions.length);
        if (expansions.length > 1) {
            out.append(length, widthBits);
        }
        for (int k = 0; k < expansions.length; k++) {
            out.append(pairwise[k]);
            if (!pairwise[k]) {
                BitReader.gamma(out, expansions[k].left().code());
                BitReader.gamma(out, expansions[k].right().code());
            }
        }
    }

    static ClassedRule read(BitReader in, int usable) {
        int classes = in.gamma();
        int length = classes > 1 ? in.read(BitReader.widthOf(usable)) : usable;
        if (length > usable) {
            throw new ExtractionException("no valid reversible watermark: class range beyond the region");
        }
        if (classes > Math.max(1, length)) {
            throw new ExtractionException("no valid reversible watermark: more classes than samples");
        }
        MirroredExpansion[] expansions = new MirroredExpansion[classes];
        boolean[] pairwise = new boolean[classes];
        for (int k = 0; k < expansions.length; k++) {
            pairwise[k] = in.bit() == 1;
            if (pairwise[k]) {
                expansions[k] = PairwiseExpansion.SINGLE;
            } else {
                HalfMapping left = HalfMapping.ofCode(in.gamma());
                expansions[k] = new MirroredExpansion(left, HalfMapping.ofCode(in.gamma()));
            }
        }
        return new ClassedRule(length, expansions, pairwise, usable);
    }
}
