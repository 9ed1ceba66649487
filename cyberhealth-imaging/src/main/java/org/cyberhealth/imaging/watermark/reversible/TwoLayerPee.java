package org.cyberhealth.imaging.watermark.reversible;

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
 * nothing outside it.
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
     * the blocks of a crypto-watermark that holds its seal at 256x256 or less) may use
     * {@link LocalPrediction}, and say per layer whether they do. Smaller regions carry small payloads,
     * where the 43 bits of its side information would cost more than it saves.
     */
    static final int LOCAL_PREDICTION_MIN_LAYER = 1 << 16;

    private final LayerStrategy strategy;
    private final boolean localPrediction;

    /** @param localPrediction whether large regions may use {@link LocalPrediction} */
    TwoLayerPee(LayerStrategy strategy, boolean localPrediction) {
        this.strategy = strategy;
        this.localPrediction = localPrediction;
    }

    private boolean predictsLocally(RhombusWindow window) {
        return localPrediction && window.cross.length >= LOCAL_PREDICTION_MIN_LAYER;
    }

    void embed(Raster raster, Region region, Bits payload) {
        RhombusWindow window = RhombusWindow.of(raster, region);
        int[] crossRanked = ranked(window, window.cross);
        if (!embedInto(window, crossRanked, payload, true)) {
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
     */
    private boolean embedInto(RhombusWindow window, int[] crossRanked, Bits payload, boolean complete) {
        int crossBits = strategy.crossShare(window, payload.length());
        boolean local = predictsLocally(window);
        PlannedLayer cross = plan(window, crossRanked, window.errors(crossRanked), crossRanked.length, payload.slice(0, crossBits), 0, local);
        if (cross == null) {
            return false;
        }
        Bits crossSide = new Bits();
        if (local) {
            LocalPrediction.write(cross.prediction(), crossSide);
        }
        crossSide.append(cross.pass().sideInformation(cross.rule(), cross.pass().embed(cross.rule(), true)));

        int[] dotRanked = ranked(window, window.dot);
        int[] dotErrors = window.errors(dotRanked);
        Bits rest = payload.slice(crossBits, payload.length());
        // the dot layer's side information is about as long as the cross layer's: start there
        int reserved = crossSide.length() + 2 * BitReader.widthOf(crossSide.length()) + 1;
        while (true) {
            int[] tail = reservedRanks(window, dotRanked, reserved);
            if (tail == null) {
                return false;
            }
            Bits dotBits = new Bits(crossSide.length() + reserved + rest.length());
            dotBits.append(crossSide);
            for (int rank : tail) {
                dotBits.append((window.values[dotRanked[rank]] & 1) == 1);
            }
            dotBits.append(rest);
            int usable = tail.length == 0 ? dotRanked.length : tail[tail.length - 1];
            int headerRoom = reserved - (2 * BitReader.widthOf(reserved) - 1);
            PlannedLayer dot = plan(window, dotRanked, dotErrors, usable, dotBits, headerRoom, local);
            if (dot == null) {
                return false;
            }
            LayerPass dotPass = dot.pass();
            LayerRule dotRule = dot.rule();
            Bits header = new Bits();
            BitReader.gamma(header, reserved);
            if (local) {
                LocalPrediction.write(dot.prediction(), header);
            }
            header.append(dotPass.sideInformation(dotRule, dotPass.embed(dotRule, false)));
            if (header.length() > reserved) {
                reserved = header.length();
                continue;
            }
            if (!complete) {
                return true;
            }
            dotPass.embed(dotRule, true);
            for (int i = 0; i < tail.length; i++) {
                int p = dotRanked[tail[i]];
                int bit = i < header.length() ? header.bit(i) : 0;
                window.values[p] = (window.values[p] & ~1) | bit;
            }
            return true;
        }
    }

    /** A layer's plan: its prediction (null for the rhombus), the pass over its errors, and the rule. */
    private record PlannedLayer(LocalPrediction prediction, LayerPass pass, LayerRule rule) {
    }

    /**
     * Plans a layer with the rhombus prediction and, where {@code local}, also with {@link LocalPrediction};
     * the plan whose walk changes the samples least wins (the rhombus on some textured images, e.g. Man at
     * low payloads). Null if neither carries the bits.
     */
    private PlannedLayer plan(RhombusWindow window, int[] ranked, int[] rhombusErrors, int usable, Bits bits, int paidSideBits,
            boolean local) {
        LayerPass pass = new LayerPass(window, ranked, rhombusErrors, usable, bits, paidSideBits);
        LayerRule rule = strategy.plan(pass);
        PlannedLayer best = rule == null ? null : new PlannedLayer(null, pass, rule);
        if (!local) {
            return best;
        }
        LocalPrediction prediction = LocalPrediction.fitted(window, ranked, usable, bits.length());
        LayerPass localPass = new LayerPass(window, ranked, prediction.errors(), usable, bits, paidSideBits);
        LayerRule localRule = strategy.plan(localPass);
        if (localRule != null && (best == null || localPass.embed(localRule, false).distortion() < pass.embed(rule, false).distortion())) {
            best = new PlannedLayer(prediction, localPass, localRule);
        }
        return best;
    }

    Bits extract(Raster raster, Region region) {
        RhombusWindow window = RhombusWindow.of(raster, region);
        int[] dotRanked = ranked(window, window.dot);
        int reserved = new BitReader(tailLsbs(window, dotRanked, LONGEST_GAMMA)).gamma();
        int[] tail = reserved <= dotRanked.length ? reservedRanks(window, dotRanked, reserved) : null;
        if (tail == null) {
            throw new ExtractionException("no valid reversible watermark: side information larger than the region");
        }
        BitReader header = new BitReader(tailLsbs(window, dotRanked, reserved));
        header.gamma();
        int usable = tail.length == 0 ? dotRanked.length : tail[tail.length - 1];
        boolean local = predictsLocally(window);
        int[] dotPrediction = local ? LocalPrediction.readParameters(header) : null;
        LayerRule dotRule = strategy.read(header, usable);
        int dotEnd = header.read(BitReader.widthOf(dotRanked.length));
        boolean dotPadded = header.bit() == 1;
        Bits dotFlags = LocationMap.read(header, usable);
        if (header.position() > reserved) {
            throw new ExtractionException("no valid reversible watermark: inconsistent side information");
        }
        LayerPass dotPass = new LayerPass(window, dotRanked, usable);
        BitReader dotBits = new BitReader(withoutPadding(dotPrediction == null ? dotPass.extract(dotRule, dotEnd, dotFlags)
                : dotPass.extractBackwards(dotRule, dotEnd, dotFlags, LocalPrediction.of(window, dotRanked, usable, dotPrediction)), dotPadded));

        int crossCount = window.cross.length;
        int[] crossPrediction = local ? LocalPrediction.readParameters(dotBits) : null;
        LayerRule crossRule = strategy.read(dotBits, crossCount);
        int crossEnd = dotBits.read(BitReader.widthOf(crossCount));
        boolean crossPadded = dotBits.bit() == 1;
        Bits crossFlags = LocationMap.read(dotBits, crossCount);
        for (int rank : tail) {
            int p = dotRanked[rank];
            window.values[p] = (window.values[p] & ~1) | dotBits.bit();
        }
        Bits rest = dotBits.rest();
        int[] crossRanked = ranked(window, window.cross);
        LayerPass crossPass = new LayerPass(window, crossRanked, crossCount);
        Bits payload = withoutPadding(crossPrediction == null ? crossPass.extract(crossRule, crossEnd, crossFlags)
                : crossPass.extractBackwards(crossRule, crossEnd, crossFlags, LocalPrediction.of(window, crossRanked, crossCount, crossPrediction)),
                crossPadded);
        payload.append(rest);
        window.writeBack();
        return payload;
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

    /** The LSBs of the last {@code count} LSB-replaceable samples of the dot layer (fewer if it has fewer), from the last rank backwards. */
    private static Bits tailLsbs(RhombusWindow window, int[] dotRanked, int count) {
        Bits bits = new Bits(Math.max(1, count));
        for (int rank = dotRanked.length - 1; rank >= 0 && bits.length() < count; rank--) {
            int value = window.values[dotRanked[rank]];
            if (window.lsbReplaceable(value)) {
                bits.append((value & 1) == 1);
            }
        }
        return bits;
    }

    private int[] ranked(RhombusWindow window, int[] layer) {
        int[] keys = strategy.rankingKeys(window, layer);
        int[] order = StableOrder.ascending(keys, layer.length);
        int[] ranked = new int[layer.length];
        for (int i = 0; i < ranked.length; i++) {
            ranked[i] = layer[order[i]];
        }
        return ranked;
    }

    /**
     * The ranks of the last {@code count} LSB-replaceable samples of the dot ranking, latest first, or
     * null if there are not enough. Whether a sample is LSB-replaceable does not depend on its LSB, so
     * the extractor finds the same samples.
     */
    static int[] reservedRanks(RhombusWindow window, int[] dotRanked, int count) {
        int[] ranks = new int[count];
        int found = 0;
        for (int rank = dotRanked.length - 1; rank >= 0 && found < count; rank--) {
            if (window.lsbReplaceable(window.values[dotRanked[rank]])) {
                ranks[found++] = rank;
            }
        }
        return found == count ? ranks : null;
    }
}
