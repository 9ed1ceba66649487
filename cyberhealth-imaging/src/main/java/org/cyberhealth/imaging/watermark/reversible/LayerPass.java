package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * One layer of a sorted prediction-error-expansion embedding: its samples in ranked order, the first
 * {@code usable} of which may carry bits, and the bits to hide there. Embedding walks the ranks and stops
 * right after the last bit is in, so later samples stay untouched. A sample whose marking could leave
 * the legal range is left alone; every visited sample whose marked value could be such a sample gets a
 * location-map flag, so that the extractor can tell them apart.
 */
final class LayerPass {

    /**
     * The outcome of walking the layer: how far it went, the location-map flags, the squared error, how
     * many bits it carried, whether that is all of them, and whether the last pair took one zero bit
     * beyond the payload (which the extractor then drops). A dry walk also keeps how it would move each
     * rank's sample ({@code moves}, by rank, null for a walk that wrote), so that writing it afterwards
     * replays those moves instead of walking again.
     */
    record Walk(int end, Bits flags, long distortion, int carried, boolean complete, boolean padded, int[] moves) {
    }

    private final RhombusWindow window;
    private final int[] ranked;
    /** Prediction errors by rank, computed once: marking a layer never changes its own predictions. */
    private final int[] errors;
    private final int usable;
    private final Bits bits;
    private final int paidSideBits;
    private final LayerSetup setup;
    /**
     * The guard of {@link LayerSetup} as limits on the prediction: a negative error predicted at or below
     * {@code lowGuard}, or a non-negative one at or above {@code highGuard}, is left alone.
     */
    private final int lowGuard;
    private final int highGuard;

    /**
     * A pass that embeds {@code bits}; {@code errors} holds the errors of at least the first {@code usable}
     * ranks against the prediction of {@code setup}, and side information up to {@code paidSideBits} long
     * costs nothing more (room already set aside for it).
     */
    LayerPass(RhombusWindow window, int[] ranked, int[] errors, int usable, Bits bits, int paidSideBits, LayerSetup setup) {
        this.window = window;
        this.ranked = ranked;
        this.errors = errors;
        this.usable = usable;
        this.bits = bits;
        this.paidSideBits = paidSideBits;
        this.setup = setup;
        this.lowGuard = window.minValue + setup.guard();
        this.highGuard = window.maxValue - setup.guard();
    }

    /** A pass that extracts: it reads each marked error as it goes. */
    LayerPass(RhombusWindow window, int[] ranked, int usable, LayerSetup setup) {
        this(window, ranked, null, usable, null, 0, setup);
    }

    /** The same pass over another window of the same region (a trial copy). */
    LayerPass on(RhombusWindow other) {
        LayerPass pass = new LayerPass(other, ranked, errors, usable, bits, paidSideBits, setup);
        // the other window holds the same samples (a copy taken before this layer was written), so the
        // last dry walk holds there too
        pass.walkedRule = walkedRule;
        pass.walked = walked;
        return pass;
    }

    LayerSetup setup() {
        return setup;
    }

    int usable() {
        return usable;
    }

    int bitsToCarry() {
        return bits == null ? 0 : bits.length();
    }

    /** How long this layer's side information may be at no further cost: the dot layer's reserved samples hold that much. */
    int paidSideBits() {
        return paidSideBits;
    }

    /**
     * Whether some sample of the window sat at a range limit before this layer was marked (see
     * {@link RhombusWindow#touchesLimits}): if none did, {@link #outwardAtLimit} is 0 for every rank.
     */
    boolean touchesLimits() {
        return window.touchesLimits();
    }

    /**
     * 1 if the sample of {@code rank} sits at a range limit with its error pointing out of the range (any
     * mapping that moves it gets it a location-map flag instead), else 0: a number, which a count adds
     * without branching on it.
     */
    int outwardAtLimit(int rank) {
        int e = errors[rank];
        // the limit on the error's side, and whether the sample is at it, without a branch: the compiler
        // had turned both choices into branches, and an error's sign is a coin toss in a noisy block
        long limit = window.maxValue + ((long) (e >> 31) & ((long) window.minValue - window.maxValue));
        long fromLimit = window.values[ranked[rank]] - limit;
        return (int) ((fromLimit - 1 & ~fromLimit) >>> 63);
    }

    /** The prediction errors by rank (of at least the usable ranks), before this pass marks them; not to be changed. */
    int[] errors() {
        return errors;
    }

    /**
     * The prediction errors, in rank order, of the usable samples that can carry a bit by expansion:
     * expanding {@code e} gives {@code 2e} or {@code 2e + 1} (on either side of the histogram), so the
     * sample can carry exactly when both stay in range, whatever the thresholds. Computed with the same
     * int arithmetic as {@link #overflows}, so that the two agree on every raster.
     */
    int[] expandableErrors() {
        int[] expandable = new int[usable];
        int count = 0;
        for (int rank = 0; rank < usable; rank++) {
            int e = errors[rank];
            int u = window.values[ranked[rank]] - e;
            int low = u + 2 * e;
            if (window.inRange(low) && window.inRange(low + 1)) {
                expandable[count++] = e;
            }
        }
        return java.util.Arrays.copyOf(expandable, count);
    }

    /**
     * Whether the guard leaves the sample alone: decided by the prediction and the error's sign, which
     * marking keeps. Both sides are tested and combined without a branch: the sign is random from
     * sample to sample, and a branch on it would be mispredicted half the time.
     */
    private boolean guarded(int u, int e) {
        return e < 0 & u <= lowGuard | e >= 0 & u >= highGuard;
    }

    private boolean overflows(int u, int e, ErrorExpansion expansion) {
        // cheap test first: marking moves an error away from zero by at most maxShift, so a sample at least
        // that far from the limit on its error's side cannot leave the range (samples at the minimum, as
        // the padding around a CT's field of view, mostly have errors of 0 and never reach the slow test)
        long value = u + e;
        long shift = expansion.maxShift();
        if (value - shift >= window.minValue && value + shift <= window.maxValue
                || (e >= 0 ? value + shift <= window.maxValue : value - shift >= window.minValue)) {
            return false;
        }
        return !window.inRange(u + expansion.mark(e, 0)) || !window.inRange(u + expansion.mark(e, 1));
    }

    /**
     * The rule of the last walk that wrote nothing, and its outcome: a planner walks the rule it
     * chooses, and the caller walks it again for its side information (a small block's walk costs as
     * much as planning it).
     */
    private LayerRule walkedRule;
    private Walk walked;

    /**
     * Walks the layer under {@code rule}, writing the marked samples when asked (only sensible when it
     * completes). Writing the rule of the last dry walk replays that walk's moves: the dry walk read the
     * same samples (a layer's walk reads each of its samples once, before moving it), so the moves are
     * the ones a second walk would make.
     */
    Walk embed(LayerRule rule, boolean write) {
        if (rule == walkedRule) {
            if (write) {
                Walk replayed = walked;
                replay(replayed);
                walkedRule = null;
                walked = null;
                return replayed;
            }
            return walked;
        }
        Walk walk = walk(rule, write, Long.MAX_VALUE);
        // a walk that writes changes the samples the next one would read
        walkedRule = write ? null : rule;
        walked = write ? null : walk;
        return walk;
    }

    /**
     * A dry walk of {@code rule}, or null once its squared error reaches {@code costLimit}: a planner
     * comparing rules needs no more of a walk that can no longer beat the best it measured (the cost it
     * compares is the squared error plus side information, never less than the squared error).
     */
    Walk embedBelow(LayerRule rule, double costLimit) {
        if (rule == walkedRule) {
            return walked.distortion() < costLimit ? walked : null;
        }
        long limit = costLimit > Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(costLimit) - 1;
        Walk walk = walk(rule, false, limit);
        if (walk != null) {
            walkedRule = rule;
            walked = walk;
        }
        return walk;
    }

    /** Makes {@code walk}, a dry walk of {@code rule} on this pass, the one {@link #embed} gives again without walking. */
    void remember(LayerRule rule, Walk walk) {
        walkedRule = rule;
        walked = walk;
    }

    /** Moves the samples as {@code walk}, a dry walk of this pass, would have. */
    private void replay(Walk walk) {
        int[] values = window.values;
        int[] moves = walk.moves();
        for (int rank = 0; rank < walk.end(); rank++) {
            values[ranked[rank]] += moves[rank];
        }
    }

    /** The walk of {@link #embed}; null as soon as its squared error exceeds {@code limit}. */
    private Walk walk(LayerRule rule, boolean write, long limit) {
        // A dry walk notes every move by rank (ranks it leaves alone keep 0), a writing one makes them. The
        // notes go into this thread's buffer, all 0 between walks, and the ranks walked are copied out:
        // zeroing a fresh array of all usable ranks for every walk (a block's walks mostly stop some 500
        // ranks into 2000), in memory no cache held, took about a microsecond a walk, a fortieth of MR2's mark.
        int[] notes = write ? null : ThreadBuffers.ints(ThreadBuffers.WALK_MOVES, usable);
        Progress at = new Progress(usable);
        int[] moves = null;
        try {
            walkFrom(rule, limit, at, notes);
            moves = notes == null || at.distortion > limit ? null : java.util.Arrays.copyOf(notes, at.rank);
        } finally {
            if (notes != null) {
                java.util.Arrays.fill(notes, 0, at.rank, 0);
            }
        }
        int need = bitsToCarry();
        return at.distortion > limit ? null
                : new Walk(at.rank, at.flags(), at.distortion, Math.min(at.carried, need), at.carried >= need, at.carried > need, moves);
    }

    /**
     * Walks from {@code at} until the bits are in, the squared error passes {@code limit} or the usable
     * ranks end; writes the samples when {@code moves} is null, else notes the moves there.
     */
    private void walkFrom(LayerRule rule, long limit, Progress at, int[] moves) {
        int need = bitsToCarry();
        int[] values = window.values;
        while (at.rank < usable && at.distortion <= limit && at.carried < need) {
            if (!rule.paired(at.rank)) {
                walkRun(rule.at(at.rank), Math.min(usable, rule.runEnd(at.rank)), at, limit, moves);
                continue;
            }
            int rank = at.rank;
            int p1 = ranked[rank];
            int p2 = ranked[rank + 1];
            int e1 = errors[rank];
            int e2 = errors[rank + 1];
            int u1 = values[p1] - e1;
            int u2 = values[p2] - e2;
            at.rank += 2;
            if (guarded(u1, e1) || guarded(u2, e2)) {
                continue;
            }
            if (pairOverflows(u1, u2, e1, e2)) {
                at.flag(1);
                continue;
            }
            int a = PairwiseExpansion.mirror(e1);
            int b = PairwiseExpansion.mirror(e2);
            int first = bitAt(at.carried, need);
            int used = PairwiseExpansion.bitsUsed(a, b, first);
            int second = used == 2 ? bitAt(at.carried + 1, need) : 0;
            at.carried += used;
            long marked = PairwiseExpansion.mark(a, b, first, second);
            int m1 = PairwiseExpansion.unmirror(PairwiseExpansion.first(marked), e1);
            int m2 = PairwiseExpansion.unmirror(PairwiseExpansion.second(marked), e2);
            if (pairOverflows(u1, u2, m1, m2)) {
                at.flag(0);
            }
            at.distortion += (long) (m1 - e1) * (m1 - e1) + (long) (m2 - e2) * (m2 - e2);
            if (moves == null) {
                values[p1] = u1 + m1;
                values[p2] = u2 + m2;
            } else {
                moves[rank] = m1 - e1;
                moves[rank + 1] = m2 - e2;
            }
        }
    }

    /**
     * Where a walk stands: the next rank, how many bits it carried, its squared error so far, and its
     * location-map flags. The flags are a plain bit array with room for a flag a rank (a walk flags a
     * rank at most once): appending to {@link Bits} can grow them, a call, and a call in the walk's loop
     * had the compiler read every field the loop uses again at every rank.
     */
    private static final class Progress {
        int rank;
        int carried;
        long distortion;
        final long[] flagWords;
        int flagCount;

        Progress(int ranks) {
            flagWords = new long[(ranks + 63) >>> 6];
        }

        /** Notes the flag {@code bit} (0 or 1). */
        void flag(int bit) {
            flagWords[flagCount >>> 6] |= (long) bit << flagCount;
            flagCount++;
        }

        Bits flags() {
            Bits flags = new Bits(flagCount);
            for (int i = 0; i < flagCount; i++) {
                flags.append((flagWords[i >>> 6] >>> i & 1) != 0);
            }
            return flags;
        }
    }

    /**
     * Walks the ranks from {@code at}'s up to {@code runEnd}, all under {@code expansion}, until the bits
     * are in or the squared error passes {@code limit}; writes the samples when {@code moves} is null, else
     * notes the moves there. Its own method, on locals: in the walk's loop with the pairs' code, the
     * compiler kept the walk's counters on the stack and read the arrays' lengths again at every rank.
     */
    private void walkRun(ErrorExpansion expansion, int runEnd, Progress at, long limit, int[] moves) {
        int[] errors = this.errors;
        int[] ranked = this.ranked;
        int[] values = window.values;
        long minValue = window.minValue;
        long maxValue = window.maxValue;
        int need = bitsToCarry();
        long[] flagWords = at.flagWords;
        int flagCount = at.flagCount;
        // marking moves a sample away from its prediction on its error's side by at most the shift: a
        // sample that far from the limit on that side cannot leave the range, nor land where the
        // extractor would have to ask the location map, and skips both overflow tests (so do the
        // samples at the minimum with errors of 0 that pad a CT's field of view)
        long safeRoom = 2 * expansion.maxShift();
        long keptLow = expansion.keptLow();
        // the width of the kept errors' range less one: -1 if it is empty
        long keptSpan = expansion.keptHigh() - keptLow;
        int carried = at.carried;
        long distortion = at.distortion;
        int rank = runEnd;
        walking:
        for (int base = at.rank; base < runEnd; base += 64) {
            // The ranks whose errors are not marked as themselves, 64 at a time, as bits: only those are
            // walked; the others move nothing, carry and flag nothing (the extractor finds the same error
            // and no overflow). Where kept and moved ranks mix at random (a noisy block) a branch on each
            // rank was mispredicted often; walking the kept ranks too instead saved MR2 as much as this
            // does but cost a chest X-ray, whose dark border keeps most ranks, 15 %. Against the branch,
            // embedding every 64x64 block takes 6 to 7 % less time on MR2, a chest X-ray and a CT slice.
            int end = Math.min(runEnd, base + 64);
            long moving = 0;
            for (int r = base; r < end; r++) {
                long fromKept = errors[r] - keptLow;
                moving |= ((keptSpan - fromKept | fromKept) >>> 63) << (r - base);
            }
            for (; moving != 0; moving &= moving - 1) {
                int r = base + Long.numberOfTrailingZeros(moving);
                int e = errors[r];
                int v = values[ranked[r]];
                int u = v - e;
                if (guarded(u, e)) {
                    continue;
                }
                // The sample's distance to the range limit on its error's side (both computed, no branch on the sign).
                boolean nearLimit = e >= 0 & maxValue - v < safeRoom | e < 0 & v - minValue < safeRoom;
                if (nearLimit && overflows(u, e, expansion)) {
                    flagWords[flagCount >>> 6] |= 1L << flagCount;
                    flagCount++;
                    continue;
                }
                // carried < need here, so the next bit exists; it only counts when the error carries
                int step = expansion.carryStep(e);
                int marked = expansion.mark(e, bits.bit(carried));
                carried += step * step;
                if (nearLimit && overflows(u, marked, expansion)) {
                    // a flag of 0: nothing to set
                    flagCount++;
                }
                distortion += (long) (marked - e) * (marked - e);
                if (moves == null) {
                    values[ranked[r]] += marked - e;
                } else {
                    moves[r] = marked - e;
                }
                if (carried >= need || distortion > limit) {
                    rank = r + 1;
                    break walking;
                }
            }
        }
        at.rank = rank;
        at.carried = carried;
        at.distortion = distortion;
        at.flagCount = flagCount;
    }

    /**
     * What the extractor needs to undo {@code walk} under {@code rule}: the rule, the end rank (in as many
     * bits as the layer's size needs), the padding bit and the location map.
     */
    Bits sideInformation(LayerRule rule, Walk walk) {
        Bits side = new Bits();
        rule.write(side);
        side.append(walk.end(), BitReader.widthOf(ranked.length));
        side.append(walk.padded());
        LocationMap.write(walk.flags(), side);
        return side;
    }

    private int bitAt(int index, int need) {
        return index < need ? bits.bit(index) : 0;
    }

    /**
     * Whether some marking of the pair (any bits) would leave the legal range. Pairwise marking moves
     * each sample by at most one, so a pair whose values are both strictly inside the range is safe.
     */
    private boolean pairOverflows(int u1, int u2, int e1, int e2) {
        int v1 = u1 + e1;
        int v2 = u2 + e2;
        if (v1 > window.minValue && v1 < window.maxValue && v2 > window.minValue && v2 < window.maxValue) {
            return false;
        }
        int a = PairwiseExpansion.mirror(e1);
        int b = PairwiseExpansion.mirror(e2);
        for (int bitsTried = 0; bitsTried < 3; bitsTried++) {
            long marked = PairwiseExpansion.mark(a, b, bitsTried == 0 ? 0 : 1, bitsTried == 2 ? 1 : 0);
            if (!window.inRange(u1 + PairwiseExpansion.unmirror(PairwiseExpansion.first(marked), e1))
                    || !window.inRange(u2 + PairwiseExpansion.unmirror(PairwiseExpansion.second(marked), e2))) {
                return true;
            }
        }
        return false;
    }

    /** Undoes {@link #embed} over the first {@code end} ranks and returns the hidden bits. */
    Bits extract(LayerRule rule, int end, Bits flags) {
        return setup.local() == null ? extractForwards(rule, end, flags)
                : extractBackwards(rule, end, flags, LocalPrediction.of(window, ranked, usable, setup.local()));
    }

    /** {@link #extract} under the rhombus prediction, which reads the other layer only: in rank order. */
    private Bits extractForwards(LayerRule rule, int end, Bits flags) {
        int rounding = setup.rounding();
        if (end > usable) {
            throw new ExtractionException("no valid reversible watermark: embedding end beyond the region");
        }
        // the bits read so far, one an entry (a pair carries at most two bits a rank, a single sample one):
        // stored, not or-ed into words, so that no iteration waits for the last one's store
        int[] read = new int[2 * end + 1];
        int count = 0;
        FlagReader flagReader = new FlagReader(flags);
        int[] values = window.values;
        int rank = 0;
        while (rank < end) {
            if (rule.paired(rank)) {
                if (rank + 1 >= end) {
                    throw new ExtractionException("no valid reversible watermark: embedding ends inside a pair");
                }
                int p1 = ranked[rank];
                int p2 = ranked[rank + 1];
                rank += 2;
                int u1 = window.predict(p1, rounding);
                int u2 = window.predict(p2, rounding);
                int m1 = values[p1] - u1;
                int m2 = values[p2] - u2;
                if (guarded(u1, m1) || guarded(u2, m2)) {
                    continue;
                }
                if (pairOverflows(u1, u2, m1, m2) && flagReader.next()) {
                    continue;
                }
                int a = PairwiseExpansion.mirror(m1);
                int b = PairwiseExpansion.mirror(m2);
                long original = PairwiseExpansion.restore(a, b);
                if (original < 0) {
                    throw new ExtractionException("no valid reversible watermark: impossible marked pair");
                }
                int code = PairwiseExpansion.carried(a, b);
                for (int i = (code >> 2) - 1; i >= 0; i--) {
                    read[count++] = code >> i & 1;
                }
                restore(p1, u1 + PairwiseExpansion.unmirror(PairwiseExpansion.first(original), m1));
                restore(p2, u2 + PairwiseExpansion.unmirror(PairwiseExpansion.second(original), m2));
                continue;
            }
            ErrorExpansion expansion = rule.at(rank);
            int runEnd = Math.min(end, rule.runEnd(rank));
            // a marked sample this far from the limit on its error's side cannot be one the location map
            // speaks for
            long shift = expansion.maxShift();
            long safeLow = window.minValue + shift;
            long safeHigh = window.maxValue - shift;
            for (; rank < runEnd; rank++) {
                int p = ranked[rank];
                int v = values[p];
                int u = window.predict(p, rounding);
                int marked = v - u;
                if (guarded(u, marked)) {
                    continue;
                }
                boolean nearLimit = !((v >= safeLow || marked >= 0) && (v <= safeHigh || marked < 0));
                if (nearLimit && overflows(u, marked, expansion) && flagReader.next()) {
                    continue;
                }
                // -1 when the sample carries nothing: written anyway and counted in only when carried,
                // without a branch, which the random pattern of carriers would mispredict
                int bit = expansion.bit(marked);
                read[count] = bit;
                count += ~bit >>> 31;
                restore(p, u + expansion.restore(marked));
            }
        }
        if (!flagReader.exhausted()) {
            throw new ExtractionException("no valid reversible watermark: location map does not match");
        }
        Bits out = new Bits(Math.max(64, count));
        for (int i = 0; i < count; i++) {
            out.append(read[i] == 1);
        }
        return out;
    }

    /**
     * Undoes {@link #embed} over the first {@code end} ranks under a {@link LocalPrediction}, from the last
     * rank back: a sample's prediction reads samples ranked two or more places later, which are then
     * restored. Same bits and samples as a forward extraction would give with that prediction; the
     * location map is read from its end.
     */
    private Bits extractBackwards(LayerRule rule, int end, Bits flags, LocalPrediction prediction) {
        if (end > usable) {
            throw new ExtractionException("no valid reversible watermark: embedding end beyond the region");
        }
        // bits are collected last first and turned round at the end
        Bits reversed = new Bits(Math.max(64, end));
        int flagIndex = flags.length();
        int[] values = window.values;
        int rank = end - 1;
        while (rank >= 0) {
            if (rank >= 1 && rule.paired(rank - 1)) {
                int p1 = ranked[rank - 1];
                int p2 = ranked[rank];
                int u2 = prediction.predict(rank);
                int u1 = prediction.predict(rank - 1);
                rank -= 2;
                int m1 = values[p1] - u1;
                int m2 = values[p2] - u2;
                if (guarded(u1, m1) || guarded(u2, m2)) {
                    continue;
                }
                if (pairOverflows(u1, u2, m1, m2) && flagBefore(flags, flagIndex--)) {
                    continue;
                }
                int a = PairwiseExpansion.mirror(m1);
                int b = PairwiseExpansion.mirror(m2);
                long original = PairwiseExpansion.restore(a, b);
                if (original < 0) {
                    throw new ExtractionException("no valid reversible watermark: impossible marked pair");
                }
                int code = PairwiseExpansion.carried(a, b);
                for (int i = 0; i < code >> 2; i++) {
                    reversed.append((code >> i & 1) == 1);
                }
                restore(p1, u1 + PairwiseExpansion.unmirror(PairwiseExpansion.first(original), m1));
                restore(p2, u2 + PairwiseExpansion.unmirror(PairwiseExpansion.second(original), m2));
                continue;
            }
            if (rule.paired(rank)) {
                throw new ExtractionException("no valid reversible watermark: embedding ends inside a pair");
            }
            ErrorExpansion expansion = rule.at(rank);
            int p = ranked[rank];
            int u = prediction.predict(rank);
            int marked = values[p] - u;
            rank--;
            if (guarded(u, marked)) {
                continue;
            }
            if (overflows(u, marked, expansion) && flagBefore(flags, flagIndex--)) {
                continue;
            }
            int bit = expansion.bit(marked);
            if (bit >= 0) {
                reversed.append(bit == 1);
            }
            restore(p, u + expansion.restore(marked));
        }
        if (flagIndex != 0) {
            throw new ExtractionException("no valid reversible watermark: location map does not match");
        }
        Bits out = new Bits(Math.max(64, reversed.length()));
        for (int i = reversed.length() - 1; i >= 0; i--) {
            out.append(reversed.get(i));
        }
        return out;
    }

    /** The location-map flag before position {@code index}, read from the map's end. */
    private static boolean flagBefore(Bits flags, int index) {
        if (index <= 0) {
            throw new ExtractionException("no valid reversible watermark: location map too short");
        }
        return flags.get(index - 1);
    }

    private void restore(int p, int original) {
        if (!window.inRange(original)) {
            throw new ExtractionException("no valid reversible watermark: restored sample out of range");
        }
        window.values[p] = original;
    }

    /** Reads the location-map flags in order; running out means the region holds no valid embedding. */
    private static final class FlagReader {

        private final Bits flags;
        private int index;

        FlagReader(Bits flags) {
            this.flags = flags;
        }

        boolean next() {
            if (index >= flags.length()) {
                throw new ExtractionException("no valid reversible watermark: location map too short");
            }
            return flags.get(index++);
        }

        boolean exhausted() {
            return index == flags.length();
        }
    }
}
