package org.cyberhealth.imaging.watermark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import javax.crypto.AEADBadTagException;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.core.crypto.Aead;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.IssuerKey.Purpose;
import org.cyberhealth.core.keys.VerificationKey;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;
import org.cyberhealth.imaging.watermark.reversible.ReversibleScheme;

/**
 * Reversible crypto-watermarking of one raster: a robust mark of the recipient, then a fragile,
 * reversible layer that carries an Ed25519 seal of the original samples and identifying attributes, an
 * AES-GCM encrypted traceability record, and per-block tags for tamper localisation.
 *
 * <p>Layout. The raster is cut into blocks: 64x64 when capacity allows (see {@link #blockSizes}),
 * larger when the image cannot hold the seal otherwise, or as the caller asks (32x32 for finer
 * localisation). Each block is embedded independently with the reversible scheme and carries its own
 * 32-bit tag plus a slice of the sealed bundle; the bundle is spread in two copies half an image apart,
 * so that a local change destroys at most one copy of each bit and damage in one block does not spread
 * to others. A small header (block size, lengths, key id) sits in the low bits of three reserved runs
 * of samples. Blocks that meet the region of interest are left untouched; their tags travel in the
 * bundle.
 */
public final class CryptoWatermark {

    private static final int COPIES = 2;
    private static final int[] BLOCK_SIZES = {32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 4096};

    /** Let {@link #mark} choose the block size. */
    public static final int AUTOMATIC_BLOCK_SIZE = 0;
    private static final int AUTOMATIC_SMALLEST_BLOCK = 64;

    private final ReversibleScheme scheme;
    private final RobustMarking robust;
    private final int blockSize;

    /**
     * @param scheme the reversible scheme for the fragile layer (must be registered in {@link WatermarkSchemes})
     * @param robust whether, and how strongly, to embed the robust recipient mark under the fragile layer
     */
    public CryptoWatermark(ReversibleScheme scheme, RobustMarking robust) {
        this(scheme, robust, AUTOMATIC_BLOCK_SIZE);
    }

    /**
     * @param blockSize the side of the tamper-localisation blocks (at least 16), or
     *     {@link #AUTOMATIC_BLOCK_SIZE}
     */
    public CryptoWatermark(ReversibleScheme scheme, RobustMarking robust, int blockSize) {
        if (blockSize != AUTOMATIC_BLOCK_SIZE && (blockSize < 16 || blockSize > 4096)) {
            throw new BadInputException("the block size must be between 16 and 4096, got " + blockSize);
        }
        this.scheme = scheme;
        this.robust = robust;
        this.blockSize = blockSize;
        WatermarkSchemes.idOf(scheme);
    }

    /**
     * Marks {@code raster} in place for the recipient named in {@code record}.
     *
     * @param untouched samples (row-major indices) that must stay untouched, or null for none
     * @throws CapacityExceededException if the raster cannot hold the seal; the raster is then unchanged
     */
    public MarkReport mark(Raster raster, ImageIdentity identity, TraceabilityRecord record, IssuerKey key, BitSet untouched) {
        byte[] keyId = key.verificationKey().keyIdBytes();
        byte[] code = RecipientCodes.of(key, record.recipient());
        byte[] box = Aead.seal(key.derive(Purpose.RECORD_ENCRYPTION), record.toBytes(), associatedData(keyId, identity));
        Seal seal = new Seal(key, keyId, identity, RasterDigest.of(raster, ContainerHeader.VERSION), box, code);
        BitSet roi = untouched == null ? new BitSet() : untouched;
        // Each attempt marks the raster itself, and one that does not fit puts the original back: a
        // copy for every attempt, copied back once one fits, and a copy of the robustly marked samples
        // that later attempts could share, were three passes over a 4 MB raster (1024x1024) where the
        // first attempt almost always fits.
        int[] original = raster.samples().clone();
        for (int size : blockSizes(raster)) {
            MarkReport report = null;
            try {
                report = tryMark(raster, size, roi, seal);
                if (report != null) {
                    return report;
                }
            } finally {
                if (report == null) {
                    System.arraycopy(original, 0, raster.samples(), 0, original.length);
                }
            }
        }
        throw new CapacityExceededException("the image (" + raster.width() + "x" + raster.height()
                + ") has too little capacity outside the region of interest to hold the seal"
                + (blockSize > 0 ? " in " + blockSize + "x" + blockSize + " blocks" : ""));
    }

    /**
     * The block sizes to try, smallest first; the first that holds the seal is used. Automatic choice
     * starts at 64x64: every block pays the reversible scheme's own side information (a few dozen bits),
     * and on every benchmark image 32x32 blocks changed the image more than 64x64 (up to 10 dB of PSNR
     * on a textured 8-bit image). A caller who needs finer localisation asks for 32.
     */
    private int[] blockSizes(Raster raster) {
        if (blockSize > 0) {
            return new int[] {blockSize};
        }
        int largest = Math.max(AUTOMATIC_SMALLEST_BLOCK, Math.max(raster.width(), raster.height()));
        return IntStream.of(BLOCK_SIZES).filter(size -> size >= AUTOMATIC_SMALLEST_BLOCK && size <= largest).toArray();
    }

    /** What every block-size attempt seals: fixed before the attempts start. */
    private static final class Seal {
        final IssuerKey key;
        final byte[] keyId;
        final ImageIdentity identity;
        final byte[] originalDigest;
        final byte[] box;
        final byte[] code;

        Seal(IssuerKey key, byte[] keyId, ImageIdentity identity, byte[] originalDigest, byte[] box, byte[] code) {
            this.key = key;
            this.keyId = keyId;
            this.identity = identity;
            this.originalDigest = originalDigest;
            this.box = box;
            this.code = code;
        }

        /**
         * Embeds the robust mark of {@code strength} into {@code r} outside the layout's untouched samples;
         * returns its side information.
         */
        Bits embedRobustMark(Raster r, Layout layout, RobustMarking strength) {
            return WatermarkSchemes.robustLayer(key.derive(Purpose.EMBEDDING)).embed(r, layout.changeable(Region.whole(r)),
                    Bits.fromBytes(code), strength);
        }
    }

    private MarkReport tryMark(Raster r, int blockSize, BitSet roi, Seal seal) {
        Layout layout = Layout.forMarking(r, blockSize, roi);
        boolean robustMark = robust != RobustMarking.NONE;
        Bits side = robustMark ? seal.embedRobustMark(r, layout, robust) : new Bits(0);
        BlockTags tags = new BlockTags(seal.key.derive(Purpose.BLOCK_TAGS), ContainerHeader.VERSION);
        ContainerHeader draft = layout.header(WatermarkSchemes.idOf(scheme), robustMark, 0, 0, seal.keyId);
        int headerBits = draft.bitLength();
        List<Integer> slots = HeaderSlots.choose(r, headerBits, layout.untouchedSamples);
        if (slots.isEmpty()) {
            return null;
        }
        layout.reserve(slots, headerBits);
        // one pass over the raster under the fragile layer: every block's digest, for its tag and the seal
        byte[][] digests = new byte[layout.grid.count()][];
        IntStream.range(0, digests.length).parallel().forEach(b -> digests[b] = BlockDigests.of(r, layout, b));
        byte[] underFragile = BlockDigests.combined(r, digests, layout.reservedValues(r));
        byte[] signature = seal.key.sign(SealMessage.of(seal.keyId, seal.identity, seal.originalDigest, underFragile, seal.box, seal.code));
        int[] untouchedTags = layout.untouchedBlocks().map(b -> tags.tag(digests[b], new Bits(0))).toArray();
        Bits bundle = new SealBundle(signature, seal.originalDigest, seal.box, seal.code, side, layout.readHeaderLowBits(r), untouchedTags).toBits();
        int[] blocks = layout.embeddableBlocks();
        if (blocks.length == 0) {
            return null;
        }
        int slice = (COPIES * bundle.length() + blocks.length - 1) / blocks.length;
        ContainerHeader header = layout.header(WatermarkSchemes.idOf(scheme), robustMark, slice, bundle.length(), seal.keyId);
        layout.writeHeader(r, header.toBits());
        AtomicBoolean fits = new AtomicBoolean(true);
        IntStream.range(0, blocks.length).parallel().forEach(j -> {
            if (!fits.get()) {
                return;
            }
            Bits piece = sliceOf(bundle, j, slice);
            Bits payload = new Bits(BlockTags.BITS + slice).append(tags.tag(digests[blocks[j]], piece), BlockTags.BITS).append(piece);
            try {
                scheme.embed(r, layout.blockRegion(r, blocks[j]), payload);
            } catch (CapacityExceededException e) {
                fits.set(false);
            }
        });
        if (!fits.get()) {
            return null;
        }
        long bits = (long) blocks.length * (BlockTags.BITS + slice) + (long) HeaderSlots.COPIES * headerBits;
        return new MarkReport(scheme.name(), blockSize, layout.grid.count(), layout.grid.count() - blocks.length, bits,
                (double) bits / r.size(), robustMark);
    }

    /**
     * Verifies {@code marked} (which is not changed). With the issuer key the traceability record is
     * decrypted and tampering is localised by the keyed block tags; with only the verification key the
     * verdict is as sound, but regions are those whose embedding could not be read back.
     *
     * @param issuerKey the issuer key, or null to verify with {@code verificationKey} alone
     */
    public static Verification verify(Raster marked, ImageIdentity identity, VerificationKey verificationKey, IssuerKey issuerKey) {
        ContainerHeader header = findHeader(marked);
        if (header == null) {
            return Verification.withoutSeal(Verdict.NO_WATERMARK, "", "no CyberHealth watermark found");
        }
        String embeddedKeyId = java.util.HexFormat.of().formatHex(header.keyId());
        if (!Arrays.equals(header.keyId(), verificationKey.keyIdBytes())) {
            return Verification.withoutSeal(Verdict.WRONG_KEY, embeddedKeyId,
                    "the watermark was made with key " + embeddedKeyId + ", not " + verificationKey.keyId());
        }
        ReversibleScheme scheme = WatermarkSchemes.byId(header.schemeId());
        Layout layout = Layout.forVerifying(marked, header);
        Raster work = marked.copy();
        BlockTags tags = issuerKey == null ? null : new BlockTags(issuerKey.derive(Purpose.BLOCK_TAGS), header.version());
        int[] blocks = layout.embeddableBlocks();
        Bits[] slices = new Bits[blocks.length];
        // from version 3, every block's digest (taken as it is read back) serves its tag and the seal
        boolean digested = header.version() >= 3;
        byte[][] digests = digested ? new byte[layout.grid.count()][] : null;
        IntStream.range(0, blocks.length).parallel().forEach(j -> slices[j] = readBlock(scheme, work, layout, blocks[j], header.sliceLength(), tags, digests));

        BitSet changed = digested ? layout.blocksWithChangedHeader(marked, header.toBits()) : new BitSet();
        for (int j = 0; j < blocks.length; j++) {
            if (slices[j] == null) {
                changed.set(blocks[j]);
            }
        }
        List<TamperedRegion> regions = new ArrayList<>();
        changed.stream().forEach(b -> regions.add(layout.grid.asRegion(b)));
        SealBundle bundle = reassemble(slices, header);
        if (bundle == null) {
            return new Verification(Verdict.TAMPERED, embeddedKeyId, regions, tags != null, Optional.empty(), Optional.empty(),
                    "the seal could not be read back: too much of the image changed");
        }
        int[] untouched = layout.untouchedBlocks().toArray();
        if (digested) {
            for (int b : untouched) {
                digests[b] = BlockDigests.of(work, layout, b);
            }
        }
        if (tags != null) {
            for (int i = 0; i < untouched.length; i++) {
                int tag = digested ? tags.tag(digests[untouched[i]], new Bits(0)) : tags.tag(work, layout.grid, untouched[i], new Bits(0));
                if (i >= bundle.untouchedBlockTags().length || tag != bundle.untouchedBlockTags()[i]) {
                    regions.add(layout.grid.asRegion(untouched[i]));
                }
            }
        }
        layout.restoreHeaderLowBits(work, bundle.headerOriginalLowBits());
        // a block that did not read back has no digest; the verdict is TAMPERED then, whatever the seal says
        boolean everyBlockRead = !digested || Arrays.stream(digests).allMatch(d -> d != null);
        byte[] robustlyMarkedDigest = !digested ? RasterDigest.of(work, header.version())
                : everyBlockRead ? BlockDigests.combined(work, digests, layout.reservedValues(work)) : new byte[32];
        boolean fullyRestored = !header.robust() || issuerKey != null;
        if (header.robust() && issuerKey != null) {
            WatermarkSchemes.robustLayer(issuerKey.derive(Purpose.EMBEDDING)).remove(work, layout.changeable(Region.whole(work)),
                    Bits.fromBytes(bundle.recipientCode()), bundle.robustSideInfo(), header.version());
        }
        byte[] originalDigest = fullyRestored ? RasterDigest.of(work, header.version()) : bundle.originalDigest();
        byte[] keyId = header.keyId();
        boolean sealValid = Arrays.equals(originalDigest, bundle.originalDigest()) && verificationKey.verifies(
                SealMessage.of(keyId, identity, originalDigest, robustlyMarkedDigest, bundle.recordBox(), bundle.recipientCode()),
                bundle.signature());
        Optional<TraceabilityRecord> record = issuerKey == null ? Optional.empty() : decrypt(issuerKey, keyId, identity, bundle);
        if (sealValid && regions.isEmpty()) {
            String restoredWhat = fullyRestored ? "" : "; restoring without the issuer key keeps the robust recipient mark";
            return new Verification(Verdict.AUTHENTIC, embeddedKeyId, List.of(), tags != null, record, Optional.of(work),
                    "the seal verifies: no sample and no identifying attribute changed since marking" + restoredWhat);
        }
        String detail = regions.isEmpty()
                ? "the seal does not verify: the identifying attributes or the sealed data changed"
                : regions.size() + " region(s) changed since marking";
        return new Verification(Verdict.TAMPERED, embeddedKeyId, regions, tags != null, record, Optional.empty(), detail);
    }

    /**
     * The block's slice of the bundle, read back and checked against its tag when {@code tags} is given;
     * null if the block changed. Into {@code digests} (from container version 3, else null) goes the
     * block's digest once it is read back.
     */
    private static Bits readBlock(ReversibleScheme scheme, Raster work, Layout layout, int block, int slice, BlockTags tags, byte[][] digests) {
        try {
            Bits payload = scheme.extract(work, layout.blockRegion(work, block));
            if (payload.length() != BlockTags.BITS + slice) {
                return null;
            }
            Bits piece = payload.slice(BlockTags.BITS, payload.length());
            if (digests != null) {
                digests[block] = BlockDigests.of(work, layout, block);
            }
            int tag = tags == null ? 0 : digests != null ? tags.tag(digests[block], piece) : tags.tag(work, layout.grid, block, piece);
            if (tags != null && (int) payload.read(0, BlockTags.BITS) != tag) {
                return null;
            }
            return piece;
        } catch (RuntimeException e) {
            // A damaged block can make an extractor fail in any way; it only means "this block changed".
            return null;
        }
    }

    /** Rebuilds the bundle from the readable slices, each bit from the first copy that survived. */
    private static SealBundle reassemble(Bits[] slices, ContainerHeader header) {
        int n = header.bundleBits();
        int slice = header.sliceLength();
        for (int preferred = 0; preferred < COPIES; preferred++) {
            Bits bundle = new Bits(n);
            for (int k = 0; k < n; k++) {
                Boolean bit = null;
                for (int c = 0; c < COPIES && bit == null; c++) {
                    int position = ((c + preferred) % COPIES) * n + k;
                    Bits s = position / slice < slices.length ? slices[position / slice] : null;
                    bit = s == null ? null : s.get(position % slice);
                }
                if (bit == null) {
                    return null;
                }
                bundle.append(bit);
            }
            SealBundle parsed = SealBundle.parse(bundle);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    private static Optional<TraceabilityRecord> decrypt(IssuerKey key, byte[] keyId, ImageIdentity identity, SealBundle bundle) {
        try {
            byte[] json = Aead.open(key.derive(Purpose.RECORD_ENCRYPTION), bundle.recordBox(), associatedData(keyId, identity));
            return Optional.of(TraceabilityRecord.fromBytes(json));
        } catch (AEADBadTagException | BadInputException e) {
            return Optional.empty();
        }
    }

    /** What a watermark header found in {@code raster} says (no key needed), if there is one. */
    public static Optional<WatermarkInfo> inspect(Raster raster) {
        ContainerHeader h = findHeader(raster);
        if (h == null) {
            return Optional.empty();
        }
        String scheme;
        try {
            scheme = WatermarkSchemes.byId(h.schemeId()).name();
        } catch (BadInputException e) {
            scheme = "unknown (" + h.schemeId() + ")";
        }
        return Optional.of(new WatermarkInfo(java.util.HexFormat.of().formatHex(h.keyId()), scheme, h.blockSize(),
                h.robust(), h.skippedBlocks().cardinality()));
    }

    private static ContainerHeader findHeader(Raster raster) {
        for (int start : HeaderSlots.candidates(raster)) {
            Bits low = HeaderSlots.readLowBits(raster, start, ContainerHeader.MAX_BITS);
            ContainerHeader header = ContainerHeader.parse(low, size -> new BlockGrid(raster.width(), raster.height(), size).count());
            if (header != null) {
                return header;
            }
        }
        return null;
    }

    private static Bits sliceOf(Bits bundle, int index, int slice) {
        Bits out = new Bits(slice);
        int n = bundle.length();
        for (int i = index * slice; i < (index + 1) * slice; i++) {
            out.append(i < COPIES * n && bundle.get(i % n));
        }
        return out;
    }

    private static byte[] associatedData(byte[] keyId, ImageIdentity identity) {
        byte[] id = identity.canonicalBytes();
        byte[] aad = Arrays.copyOf(keyId, keyId.length + id.length);
        System.arraycopy(id, 0, aad, keyId.length, id.length);
        return aad;
    }
}
