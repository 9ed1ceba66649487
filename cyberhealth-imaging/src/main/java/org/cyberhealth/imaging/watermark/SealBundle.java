package org.cyberhealth.imaging.watermark;

import java.util.zip.CRC32;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.BitCursor;
import org.cyberhealth.core.bits.Bits;

/**
 * Everything a crypto-watermark carries besides the per-block tags: the seal (Ed25519 signature) with
 * the original's digest, the
 * encrypted traceability record, the recipient code of the robust mark with its restoration data, the
 * original low bits of the header samples, and the tags of blocks left untouched. It is spread over
 * the blocks in two copies; a CRC picks out a correctly reassembled bundle.
 */
record SealBundle(byte[] signature, byte[] originalDigest, byte[] recordBox, byte[] recipientCode, Bits robustSideInfo,
        Bits headerOriginalLowBits, int[] untouchedBlockTags) {

    private static final int VERSION = 1;
    static final int SIGNATURE_BYTES = 64;
    static final int DIGEST_BYTES = 32;
    static final int CODE_BYTES = 8;

    Bits toBits() {
        Bits bits = new Bits(4096);
        bits.append(VERSION, 8);
        bits.appendBytes(signature).appendBytes(originalDigest);
        bits.append(recordBox.length, 16).appendBytes(recordBox);
        bits.appendBytes(recipientCode);
        bits.append(robustSideInfo.length(), 24).append(robustSideInfo);
        bits.append(headerOriginalLowBits.length(), 16).append(headerOriginalLowBits);
        bits.append(untouchedBlockTags.length, 16);
        for (int tag : untouchedBlockTags) {
            bits.append(tag, BlockTags.BITS);
        }
        bits.append(crc(bits), 32);
        return bits;
    }

    /** Parses a reassembled bundle; null when its CRC does not match (a wrong reassembly). */
    static SealBundle parse(Bits bits) {
        try {
            BitCursor in = new BitCursor(bits);
            if (in.readInt(8) != VERSION) {
                return null;
            }
            byte[] signature = in.readBytes(SIGNATURE_BYTES);
            byte[] original = in.readBytes(DIGEST_BYTES);
            byte[] record = in.readBytes(in.readInt(16));
            byte[] code = in.readBytes(CODE_BYTES);
            Bits side = in.readBits(in.readInt(24));
            Bits low = in.readBits(in.readInt(16));
            int[] tags = new int[in.readInt(16)];
            for (int i = 0; i < tags.length; i++) {
                tags[i] = in.readInt(BlockTags.BITS);
            }
            int end = in.position();
            if (in.read(32) != crc(bits.slice(0, end))) {
                return null;
            }
            return new SealBundle(signature, original, record, code, side, low, tags);
        } catch (BadInputException e) {
            return null;
        }
    }

    private static long crc(Bits bits) {
        CRC32 crc = new CRC32();
        crc.update(bits.toBytes());
        crc.update(bits.length());
        return crc.getValue();
    }
}
