package org.cyberhealth.imaging.watermark.reversible;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/**
 * The two-layer frame of sorted prediction-error expansion (Sachnev et al. 2009): the cross layer is
 * marked first, predicted from the untouched dot layer; then the dot layer, predicted from the marked
 * cross layer. The extractor runs the other way round.
 *
 * <p>Side information, all inside the region: the dot layer's rule, its end rank (plus one bit saying
 * whether the last pair was padded) and location map sit in the least significant bits of reserved dot
 * samples (the last LSB-replaceable ones of the dot ranking, never used as carriers), preceded by their
 * count (Elias gamma). The cross layer's rule, end rank, padding bit and location map, and the reserved
 * samples' original LSBs, travel at the head of the dot layer's bits. For a 32x32 region that is about
 * 20 to 30 bits in LSBs and 15 to 25 bits plus the reserved LSBs in the dot layer; a region needs
 * nothing outside it. A whole image ({@link #WHOLE_IMAGE_MIN_LAYER}) also writes each layer's
 * {@link LayerSetup} before its rule.
 *
 * <p>Blocks in one layer or two (an option, for regions below {@link #WHOLE_IMAGE_MIN_LAYER}): a
 * crypto-watermark's block carries a few dozen bits. Where its dot layer, predicted and ranked from the
 * unmarked cross layer, is smooth enough to hold them all cheaply ({@link #ONE_LAYER_CARRIERS}), the dot
 * layer carries the payload after its tail's original LSBs, and the cross layer stays as it is: half the
 * work of two layers, and no second layer's side information to pay. A bit after the reserved count in
 * the dot tail says which: the extractor always begins with the dot layer, ranked from the cross layer as
 * it finds it, which in one layer is as the embedder ranked it.
 *
 * <p>An unmarked (or damaged) region is usually rejected with ExtractionException, because its samples
 * do not parse as consistent side information (impossible lengths, a location map that does not match,
 * restored samples out of range, marked pairs no embedding produces). There is no checksum, so some
 * unmarked regions do parse: extraction then returns meaningless bits and changes the region. Callers
 * authenticate the payload (MAC) and extract from a copy, as the interface recommends.
 *
 * <p>Capacity depends slightly on the payload's values (the dot layer is predicted from marked cross
 * samples), so capacity is defined with a fixed reference payload and a safety margin: a length
 * {@code n} fits when a dry embedding of {@code n + margin(n)} pseudo-random bits succeeds. The margin
 * absorbs the payload-dependent variation, so that {@code capacity} bits of any content embed.
 * {@link #embed} does not pay for that dry run: it embeds the payload it is given into the working copy
 * and refuses (CapacityExceededException, raster untouched) only if that payload does not fit, so a
 * payload somewhat beyond {@code capacity} may still embed, restorably.
 */
final class TwoLayerPee {

    private static final long REFERENCE_SEED = 0x5EEDL;
    /** An Elias gamma code word of an int is at most this long: the reserved count is read from that many LSBs. */
    private static final int LONGEST_GAMMA = 63;

    /**
     * Regions whose cross layer has at least this many samples (about 360x360 and up: whole images, never
     * the blocks of a crypto-watermark that holds its seal at 256x256 or less) choose each layer's
     * {@link LayerSetup} and write it into their side information. Smaller regions carry small payloads,
     * where those bits and the planning would cost more than they save; they use {@link LayerSetup#BLOCK}.
     */
    static final int WHOLE_IMAGE_MIN_LAYER = 1 << 16;

    /**
     * A second prediction of the cross layer is embedded through both layers only when its plan costs at
     * most this much more than the best: marking the cross layer changes how well the dot layer is
     * predicted, so the cheaper cross plan is not always the better embedding (local prediction of Crowd's
     * cross layer at 0.5 bpp was 2.6 % cheaper there and lost 0.3 dB overall). 3 % and 5 % gave the same
     * PSNR on every benchmark image; 3 % embeds both ways less often.
     */
    private static final double CLOSE_CROSS_PLAN = 1.03;

    /**
     * A rounding other than Sachnev's floor is kept only if its expected cost is at most this share of the
     * floor's (and of any rounding tried before): the estimate is rough, and where roundings come close
     * (the CT slices) following it lost up to 0.06 dB.
     */
    private static final double ROUNDING_GAIN = 0.98;

    /** Plans with more location-map flags than the bits carried over this are planned again with a guard. */
    private static final int FLAGS_PER_GUARD_TRIAL = 16;

    /**
     * One-layer blocks first reserve this many tail samples plus the width of an end rank: about what a
     * block's rule, end rank, padding bit, short location map and the count itself take.
     */
    private static final int ONE_LAYER_FIRST_ROOM = 27;

    /**
     * A block is marked in one layer where its dot layer has at least this many errors of 0 or -1 (the
     * cheapest carriers) for each bit that layer would carry, side information included. There the extra
     * bits cost about what they would in a second layer, which one layer saves with its own side
     * information, and marking takes half the work. On the benchmark images (seal with and without the
     * robust mark, every block embedded both ways), 4 kept the fragile layer's squared error within 1.00
     * to 1.01 of two layers' on the classic, CT and MR images (Crowd's sky 1.05), and took it to 0.89 and
     * 0.94 on the chest X-rays, all of whose blocks take one layer; 3 let Crowd reach 1.08.
     */
    private static final int ONE_LAYER_CARRIERS = 4;

    private final LayerStrategy strategy;
    private final boolean wholeImageSetups;
    private final boolean blockModes;

    /**
     * @param wholeImageSetups whether large regions choose their layers' setups (else they use {@link LayerSetup#BLOCK})
     * @param blockModes whether regions below {@link #WHOLE_IMAGE_MIN_LAYER} are marked in one layer
     *     where it is smooth enough (and say so in their side information)
     */
    TwoLayerPee(LayerStrategy strategy, boolean wholeImageSetups, boolean blockModes) {
        this.strategy = strategy;
        this.wholeImageSetups = wholeImageSetups;
        this.blockModes = blockModes;
    }

    TwoLayerPee(LayerStrategy strategy, boolean wholeImageSetups) {
        this(strategy, wholeImageSetups, false);
    }

    private boolean wholeImage(RhombusWindow window) {
        return wholeImageSetups && window.cross.length >= WHOLE_IMAGE_MIN_LAYER;
    }

    private boolean blockModes(RhombusWindow window) {
        return blockModes && window.cross.length < WHOLE_IMAGE_MIN_LAYER;
    }

    /** The bits after the reserved count in a layer's tail: none where blocks have no modes, else whether the dot layer carries everything. */
    private Bits modeBits(RhombusWindow window, boolean oneLayer) {
        Bits bits = new Bits(1);
        if (blockModes(window)) {
            bits.append(oneLayer);
        }
        return bits;
    }

    void embed(Raster raster, Region region, Bits payload) {
        RhombusWindow window = RhombusWindow.of(raster, region);
        if (!embedInto(window, null, payload, true)) {
            throw new CapacityExceededException("payload of " + payload.length() + " bits exceeds the capacity of the "
                    + region.width() + "x" + region.height() + " region (" + capacity(raster, region) + " bits)");
        }
        window.writeBack();
    }

    int capacity(Raster raster, Region region) {
        RhombusWindow window = RhombusWindow.of(raster, region);
        int[] crossRanked = ranked(window, window.cross);
        if (!fits(window, crossRanked, 0)) {
            return 0;
        }
        int low = 0;
        int high = window.cross.length + window.dot.length + 1;
        while (high - low > 1) {
            int mid = (int) (((long) low + high) >>> 1);
            if (fits(window, crossRanked, mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Whether {@code payloadBits} plus the margin of reference bits embed into a copy of the window. */
    private boolean fits(RhombusWindow window, int[] crossRanked, int payloadBits) {
        return embedInto(window.copy(), crossRanked, referencePayload(payloadBits + margin(payloadBits)), false);
    }

    /** Spare capacity kept for payload-dependent variation: 8 bits plus about 3 %. */
    private static int margin(int payloadBits) {
        return 8 + payloadBits / 32;
    }

    private static Bits referencePayload(int length) {
        SplittableRandom random = new SplittableRandom(REFERENCE_SEED);
        Bits bits = new Bits(Math.max(1, length));
        for (int i = 0; i < length; i++) {
            bits.append(random.nextBoolean());
        }
        return bits;
    }

    /**
     * Marks the window (not the raster); false if the payload does not fit. A dry run ({@code complete}
     * false) stops once the outcome is known: the dot layer's marks, which nothing reads afterwards,
     * are then not written.
     *
     * <p>Where a whole image's cross layer has two close plans, both are embedded into copies and the one
     * that changes the samples less is kept: marking the cross layer changes how well the dot layer is
     * predicted, so the cheaper cross plan is not always the better embedding.
     *
     * <p>A block with modes goes into one layer where that is smooth enough, else into two; where two
     * fail (the dot layer's side information can outgrow it in a block clipped at a range limit: each
     * sample reserved for it pushes the carriers further into clipped ones), one layer is tried after all.
     */
    private boolean embedInto(RhombusWindow window, int[] crossRankedOrNull, Bits payload, boolean complete) {
        if (!blockModes(window)) {
            return embedTwoLayers(window, crossRankedOrNull, payload, complete);
        }
        OneLayer one = new OneLayer(window);
        boolean smooth = one.smoothEnoughFor(payload);
        if (smooth && one.embed(payload, complete)) {
            return true;
        }
        if (embedTwoLayers(window, crossRankedOrNull, payload, complete)) {
            return true;
        }
        // the window holds the raster's samples until an embedding succeeds (every caller's does)
        window.reread();
        return !smooth && one.embed(payload, complete);
    }

    private boolean embedTwoLayers(RhombusWindow window, int[] crossRankedOrNull, Bits payload, boolean complete) {
        int[] crossRanked = crossRankedOrNull != null ? crossRankedOrNull : ranked(window, window.cross);
        int crossBits = strategy.crossShare(window, payload.length());
        boolean whole = wholeImage(window);
        List<PlannedLayer> crossPlans = plans(window, crossRanked, null, crossRanked.length, payload.slice(0, crossBits), 0, whole);
        Bits rest = payload.slice(crossBits, payload.length());
        if (crossPlans.size() < 2) {
            return !crossPlans.isEmpty() && embedLayers(window, crossPlans.get(0), rest, whole, null, complete) != null;
        }
        RhombusWindow best = null;
        long bestDistortion = Long.MAX_VALUE;
        LayerSetup dotSetup = null;
        for (PlannedLayer cross : crossPlans) {
            RhombusWindow trial = window.copy();
            // the second trial plans the dot layer with the setup the first chose, not choosing again
            LayerSetup chosen = embedLayers(trial, cross, rest, whole, dotSetup, complete);
            if (chosen != null) {
                dotSetup = chosen;
                if (!complete) {
                    return true;
                }
                long distortion = trial.squaredErrorFrom(window);
                if (distortion < bestDistortion) {
                    best = trial;
                    bestDistortion = distortion;
                }
            }
        }
        if (best == null) {
            return false;
        }
        System.arraycopy(best.values, 0, window.values, 0, window.values.length);
        return true;
    }

    /**
     * Marks the cross layer as planned, then plans and marks the dot layer with {@code dotSetup} (null:
     * the setup {@link #plans} chooses); returns the dot layer's setup, null if it cannot carry the rest.
     */
    private LayerSetup embedLayers(RhombusWindow window, PlannedLayer cross, Bits rest, boolean whole, LayerSetup dotSetup, boolean complete) {
        LayerPass crossPass = cross.pass().on(window);
        Bits crossSide = new Bits();
        if (whole) {
            crossPass.setup().write(crossSide);
        }
        crossSide.append(crossPass.sideInformation(cross.rule(), crossPass.embed(cross.rule(), true)));

        int[] dotRanked = ranked(window, window.dot);
        // a block's dot errors (the rhombus's) do not change with the room reserved: computed once for every try
        int[] dotErrors = whole ? null : window.errors(dotRanked);
        // the dot layer's side information is about as long as the cross layer's: start there
        Bits mode = modeBits(window, false);
        int reserved = crossSide.length() + 2 * BitReader.widthOf(crossSide.length()) + 1 + mode.length();
        return embedWithTail(window, dotRanked, dotErrors, mode, crossSide, rest, reserved, whole, dotSetup, complete);
    }

    /**
     * A block's dot layer, ranked and predicted from its unmarked cross layer, to carry a payload alone
     * after its tail's original LSBs; the cross layer stays as it is.
     */
    private final class OneLayer {
        private final RhombusWindow window;
        private final int reserved;

        OneLayer(RhombusWindow window) {
            this.window = window;
            this.reserved = ONE_LAYER_FIRST_ROOM + BitReader.widthOf(window.dot.length);
        }

        /**
         * Whether the layer has {@link #ONE_LAYER_CARRIERS} cheapest carriers for each bit it would
         * carry: counted in the order of the samples, as the count need not rank them (those not marked
         * in one layer are then ranked after the cross layer's marks).
         */
        boolean smoothEnoughFor(Bits payload) {
            return window.hasErrorsNearZero(window.dot, ONE_LAYER_CARRIERS * (payload.length() + reserved));
        }

        /** Marks the window (unchanged if false: the payload does not fit). */
        boolean embed(Bits payload, boolean complete) {
            int[] ranked = ranked(window, window.dot);
            return embedWithTail(window, ranked, window.errors(ranked), modeBits(window, true), new Bits(0), payload, reserved, false,
                    null, complete) != null;
        }
    }

    /**
     * Marks the layer ranked {@code ranked} with {@code leading}, then the original LSBs of its reserved
     * tail, then {@code rest}; the tail's LSBs then carry the count of reserved samples and the layer's own
     * side information. {@code reserved}: the first guess of that count, grown until the side information
     * fits; {@code setup}: the layer's setup if already chosen, else null. Returns the layer's setup, null
     * if the layer cannot carry the bits.
     */
    private LayerSetup embedWithTail(RhombusWindow window, int[] ranked, int[] blockErrors, Bits mode, Bits leading, Bits rest,
            int reserved, boolean whole, LayerSetup setup, boolean complete) {
        LayerSetup chosen = setup;
        LayerRule previousRule = null;
        int firstReserved = reserved;
        while (true) {
            int[] tail = reservedRanks(window, ranked, reserved);
            if (tail == null) {
                return null;
            }
            Bits bits = new Bits(leading.length() + reserved + rest.length());
            bits.append(leading);
            for (int rank : tail) {
                bits.append((window.values[ranked[rank]] & 1) == 1);
            }
            bits.append(rest);
            int usable = tail.length == 0 ? ranked.length : tail[tail.length - 1];
            int headerRoom = reserved - (2 * BitReader.widthOf(reserved) - 1) - mode.length();
            PlannedLayer layer = whole ? null : again(window, ranked, blockErrors, usable, bits, headerRoom, previousRule);
            // a setup already chosen (for a smaller room, or another cross plan) is planned again, not chosen again
            if (layer == null && chosen != null) {
                layer = replanned(window, ranked, blockErrors, usable, bits, headerRoom, chosen);
            }
            if (layer == null) {
                List<PlannedLayer> layerPlans = plans(window, ranked, blockErrors, usable, bits, headerRoom, whole);
                if (layerPlans.isEmpty()) {
                    return null;
                }
                layer = layerPlans.get(0);
            }
            LayerPass pass = layer.pass();
            LayerRule rule = layer.rule();
            // a rule kept once and still short of room is planned again: keeping it on and on can end
            // with too little room left to carry it, where another rule would have fitted
            previousRule = previousRule == null && reserved == firstReserved ? rule : null;
            chosen = pass.setup();
            Bits header = new Bits();
            BitReader.gamma(header, reserved);
            header.append(mode);
            if (whole) {
                pass.setup().write(header);
            }
            header.append(pass.sideInformation(rule, pass.embed(rule, false)));
            if (header.length() > reserved) {
                // a whole image's planning is slow, and the header grows a little with each try: leave room
                reserved = header.length() + (whole ? header.length() / 32 + 8 : 0);
                continue;
            }
            if (!complete) {
                return chosen;
            }
            pass.embed(rule, true);
            for (int i = 0; i < tail.length; i++) {
                int p = ranked[tail[i]];
                int bit = i < header.length() ? header.bit(i) : 0;
                window.values[p] = (window.values[p] & ~1) | bit;
            }
            return chosen;
        }
    }

    /**
     * A layer's plan: the pass (with its setup) and rule, the walk's squared error plus its unpaid side
     * information at what a bit costs in this layer, and the walk's location-map flags.
     */
    private record PlannedLayer(LayerPass pass, LayerRule rule, double cost, int flags) {
    }

    /**
     * The plans worth embedding for a layer, cheapest first; empty if none carries the bits. A block has
     * one, the rhombus's. A whole image plans the rhombus with its best rounding and the local
     * prediction ({@link LocalPrediction}), each with a guard too where the location map is long, and
     * keeps the second prediction only if it comes close to the first. {@code blockErrors}: a block's
     * errors by rank where already computed, else null.
     */
    private List<PlannedLayer> plans(RhombusWindow window, int[] ranked, int[] blockErrors, int usable, Bits bits, int paidSideBits, boolean whole) {
        if (!whole) {
            int[] errors = blockErrors != null ? blockErrors : window.errors(ranked);
            LayerPass pass = new LayerPass(window, ranked, errors, usable, bits, paidSideBits, LayerSetup.BLOCK);
            LayerRule rule = strategy.plan(pass);
            return rule == null ? List.of() : List.of(new PlannedLayer(pass, rule, 0, 0));
        }
        int rounding = 0;
        int[] errors = null;
        double bitCost = 1;
        double cheapest = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 4; r++) {
            int[] candidate = window.errors(ranked, r);
            ExpansionOptimizer.Solution solution = expected(candidate, usable, bits.length());
            double cost = solution == null ? Double.MAX_VALUE
                    : solution.distortion() + 2 * solution.bitCost() * outwardAtLimits(window, ranked, candidate, usable);
            if (errors == null || cost < ROUNDING_GAIN * cheapest) {
                rounding = r;
                errors = candidate;
                bitCost = solution == null ? 1 : solution.bitCost();
                cheapest = cost;
            }
        }
        List<PlannedLayer> plans = new ArrayList<>();
        PlannedLayer rhombus = planGuarded(window, ranked, errors, usable, bits, paidSideBits, LayerSetup.rhombus(rounding, LayerSetup.NO_GUARD), bitCost);
        if (rhombus != null) {
            plans.add(rhombus);
        }
        LocalPrediction local = LocalPrediction.fitted(window, ranked, usable, bits.length());
        PlannedLayer localPlan = planGuarded(window, ranked, local.errors(), usable, bits, paidSideBits,
                LayerSetup.local(local.parameters(), LayerSetup.NO_GUARD), bitCost);
        if (localPlan != null) {
            plans.add(localPlan);
        }
        plans.sort(Comparator.comparingDouble(PlannedLayer::cost));
        if (plans.size() == 2 && plans.get(1).cost() > CLOSE_CROSS_PLAN * plans.get(0).cost()) {
            plans.remove(1);
        }
        return plans;
    }

    /**
     * A block's dot layer with the one-class rule planned for it with a little less room, if that still
     * carries the bits (it mostly does: the room grows by a few bits); null otherwise. Planning again
     * cost a block's marking as much as all its other walks together, and about a third of the blocks
     * need more room than first reserved.
     */
    private static PlannedLayer again(RhombusWindow window, int[] ranked, int[] errors, int usable, Bits bits, int paidSideBits, LayerRule previous) {
        LayerRule rule = previous instanceof ClassedRule classed ? classed.over(usable) : null;
        if (rule == null) {
            return null;
        }
        LayerPass pass = new LayerPass(window, ranked, errors, usable, bits, paidSideBits, LayerSetup.BLOCK);
        return pass.embed(rule, false).complete() ? new PlannedLayer(pass, rule, 0, 0) : null;
    }

    /**
     * The layer planned again with {@code setup}'s prediction (a local one fitted anew) and guard; null if
     * that does not carry the bits. {@code blockErrors}: a block's errors by rank (its setup is
     * {@link LayerSetup#BLOCK}'s), else null.
     */
    private PlannedLayer replanned(RhombusWindow window, int[] ranked, int[] blockErrors, int usable, Bits bits, int paidSideBits, LayerSetup setup) {
        if (setup.local() == null) {
            int[] errors = blockErrors != null ? blockErrors : window.errors(ranked, setup.rounding());
            return planned(new LayerPass(window, ranked, errors, usable, bits, paidSideBits, setup), 0);
        }
        LocalPrediction local = LocalPrediction.fitted(window, ranked, usable, bits.length());
        return planned(new LayerPass(window, ranked, local.errors(), usable, bits, paidSideBits, setup.withLocal(local.parameters())), 0);
    }

    /**
     * The cheapest expected plan of classed expansions over the smoothest 2, 4, 8... times {@code bits}
     * ranks (up to {@code usable}), without walking it: what the planner estimates first, cheap enough to
     * compare predictions. Null if none carries the bits.
     */
    private static ExpansionOptimizer.Solution expected(int[] errors, int usable, int bits) {
        ExpansionOptimizer.Solution best = null;
        for (long reach = 2L * Math.max(1, bits); ; reach *= 2) {
            int length = (int) Math.min(usable, reach);
            int[] classCounts = ClassedRule.classCountsFor(length);
            ExpansionOptimizer.Solution solution = new ExpansionOptimizer(errors, length, classCounts[classCounts.length - 1]).solve(Math.max(1, bits));
            if (solution != null && (best == null || solution.distortion() < best.distortion())) {
                best = solution;
            }
            if (length == usable) {
                return best;
            }
        }
    }

    /**
     * How many of the first {@code usable} samples sit at a range limit with an error pointing out of the
     * range: marking would push them out, so each costs a location-map flag and carries nothing. The
     * rounding is chosen by its {@link #expected} cost plus two bits for each (a rounding that
     * lifts the predictions of a CT's zero padding, where the cross layer's marks left ones among the
     * zeros, made a fifth of the dot layer such samples).
     */
    private static int outwardAtLimits(RhombusWindow window, int[] ranked, int[] errors, int usable) {
        int count = 0;
        for (int rank = 0; rank < usable; rank++) {
            int v = window.values[ranked[rank]];
            if (v == window.minValue && errors[rank] < 0 || v == window.maxValue && errors[rank] >= 0) {
                count++;
            }
        }
        return count;
    }

    /**
     * The layer planned with {@code setup} (no guard) and, where that walk flags more than one sample per
     * {@link #FLAGS_PER_GUARD_TRIAL} bits, also with the guard {@link #guardFor} gives (Man gains 1 dB at
     * 0.1 to 0.5 bpp with guards of 8 to 16 of 255); the cheaper.
     */
    private PlannedLayer planGuarded(RhombusWindow window, int[] ranked, int[] errors, int usable, Bits bits, int paidSideBits,
            LayerSetup setup, double bitCost) {
        PlannedLayer open = planned(new LayerPass(window, ranked, errors, usable, bits, paidSideBits, setup), bitCost);
        if (open != null && open.flags() <= bits.length() / FLAGS_PER_GUARD_TRIAL) {
            return open;
        }
        int guard = guardFor(window, ranked, errors, usable);
        if (guard == LayerSetup.NO_GUARD) {
            return open;
        }
        PlannedLayer guarded = planned(new LayerPass(window, ranked, errors, usable, bits, paidSideBits, setup.withGuard(guard)), bitCost);
        return open == null || guarded != null && guarded.cost() < open.cost() ? guarded : open;
    }

    /**
     * A guard that covers nine in ten of the samples next to a limit whose error points out of the range
     * (those the location map would list): the 90th percentile of how far their predictions lie from the
     * limit, which follows the image's noise (Man: about 12 of 255; a CT's zero padding: 1 or 2).
     * {@link LayerSetup#NO_GUARD} if there are none.
     */
    private static int guardFor(RhombusWindow window, int[] ranked, int[] errors, int usable) {
        int cap = Math.max(1, (window.maxValue - window.minValue) / 4);
        int[] counts = new int[cap + 1];
        int total = 0;
        for (int rank = 0; rank < usable; rank++) {
            int v = window.values[ranked[rank]];
            int u = v - errors[rank];
            if (errors[rank] < 0 && v <= window.minValue + 1) {
                counts[Math.min(cap, u - window.minValue)]++;
                total++;
            } else if (errors[rank] >= 0 && v >= window.maxValue - 1) {
                counts[Math.min(cap, window.maxValue - u)]++;
                total++;
            }
        }
        if (total == 0) {
            return LayerSetup.NO_GUARD;
        }
        int covered = 0;
        for (int guard = 0; guard <= cap; guard++) {
            covered += counts[guard];
            if (10L * covered >= 9L * total) {
                return guard;
            }
        }
        return cap;
    }

    private PlannedLayer planned(LayerPass pass, double bitCost) {
        LayerRule rule = strategy.plan(pass);
        if (rule == null) {
            return null;
        }
        LayerPass.Walk walk = pass.embed(rule, false);
        int unpaidSide = Math.max(0, pass.sideInformation(rule, walk).length() - pass.paidSideBits());
        return new PlannedLayer(pass, rule, walk.distortion() + bitCost * unpaidSide, walk.flags().length());
    }

    Bits extract(Raster raster, Region region) {
        RhombusWindow window = RhombusWindow.of(raster, region);
        TailedLayer dot = extractWithTail(window, ranked(window, window.dot), wholeImage(window));
        BitReader dotBits = dot.bits();
        if (dot.oneLayer()) {
            dot.restoreTail(window);
            Bits payload = dotBits.rest();
            window.writeBack();
            return payload;
        }
        int crossCount = window.cross.length;
        LayerSetup crossSetup = wholeImage(window) ? LayerSetup.read(dotBits, window) : LayerSetup.BLOCK;
        LayerRule crossRule = strategy.read(dotBits, crossCount);
        int crossEnd = dotBits.read(BitReader.widthOf(crossCount));
        boolean crossPadded = dotBits.bit() == 1;
        Bits crossFlags = LocationMap.read(dotBits, crossCount);
        dot.restoreTail(window);
        Bits rest = dotBits.rest();
        int[] crossRanked = ranked(window, window.cross);
        LayerPass crossPass = new LayerPass(window, crossRanked, crossCount, crossSetup);
        Bits payload = withoutPadding(crossPass.extract(crossRule, crossEnd, crossFlags), crossPadded);
        payload.append(rest);
        window.writeBack();
        return payload;
    }

    /**
     * A layer's bits as extracted and restored, read from its leading bits on, and its reserved tail:
     * the tail's original LSBs follow the leading bits.
     */
    private record TailedLayer(BitReader bits, int[] ranked, int[] tail, boolean oneLayer) {

        /** Reads the tail's original LSBs (next in {@link #bits}) back into the window. */
        void restoreTail(RhombusWindow window) {
            for (int rank : tail) {
                int p = ranked[rank];
                window.values[p] = (window.values[p] & ~1) | bits.bit();
            }
        }
    }

    /** Reads the side information from the tail of the layer ranked {@code ranked}, then extracts and restores the layer's prefix. */
    private TailedLayer extractWithTail(RhombusWindow window, int[] ranked, boolean whole) {
        int reserved = new BitReader(tailLsbs(window, ranked, LONGEST_GAMMA)).gamma();
        int[] tail = reserved <= ranked.length ? reservedRanks(window, ranked, reserved) : null;
        if (tail == null) {
            throw new ExtractionException("no valid reversible watermark: side information larger than the region");
        }
        BitReader header = new BitReader(tailLsbs(window, ranked, reserved));
        header.gamma();
        boolean oneLayer = blockModes(window) && header.bit() == 1;
        int usable = tail.length == 0 ? ranked.length : tail[tail.length - 1];
        LayerSetup setup = whole ? LayerSetup.read(header, window) : LayerSetup.BLOCK;
        LayerRule rule = strategy.read(header, usable);
        int end = header.read(BitReader.widthOf(ranked.length));
        boolean padded = header.bit() == 1;
        Bits flags = LocationMap.read(header, usable);
        if (header.position() > reserved) {
            throw new ExtractionException("no valid reversible watermark: inconsistent side information");
        }
        LayerPass pass = new LayerPass(window, ranked, usable, setup);
        return new TailedLayer(new BitReader(withoutPadding(pass.extract(rule, end, flags), padded)), ranked, tail, oneLayer);
    }

    private static Bits withoutPadding(Bits bits, boolean padded) {
        if (!padded) {
            return bits;
        }
        if (bits.length() == 0) {
            throw new ExtractionException("no valid reversible watermark: padding without bits");
        }
        return bits.slice(0, bits.length() - 1);
    }

    /** The LSBs of the last {@code count} LSB-replaceable samples of a layer's ranking (fewer if it has fewer), from the last rank backwards. */
    private static Bits tailLsbs(RhombusWindow window, int[] ranked, int count) {
        Bits bits = new Bits(Math.max(1, count));
        for (int rank = ranked.length - 1; rank >= 0 && bits.length() < count; rank--) {
            int value = window.values[ranked[rank]];
            if (window.lsbReplaceable(value)) {
                bits.append((value & 1) == 1);
            }
        }
        return bits;
    }

    private int[] ranked(RhombusWindow window, int[] layer) {
        return StableOrder.itemsAscending(strategy.rankingKeys(window, layer), layer);
    }

    /**
     * The ranks of the last {@code count} LSB-replaceable samples of a layer's ranking, latest first, or
     * null if there are not enough. Whether a sample is LSB-replaceable does not depend on its LSB, so
     * the extractor finds the same samples.
     */
    static int[] reservedRanks(RhombusWindow window, int[] ranked, int count) {
        int[] ranks = new int[count];
        int found = 0;
        for (int rank = ranked.length - 1; rank >= 0 && found < count; rank--) {
            if (window.lsbReplaceable(window.values[ranked[rank]])) {
                ranks[found++] = rank;
            }
        }
        return found == count ? ranks : null;
    }
}
