package org.cyberhealth.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.cyberhealth.imaging.watermark.CryptoWatermark;
import org.cyberhealth.imaging.watermark.RobustMarking;
import org.cyberhealth.imaging.watermark.TraceabilityRecord;
import org.cyberhealth.imaging.watermark.WatermarkSchemes;
import org.cyberhealth.imaging.watermark.reversible.ReversibleScheme;
import org.cyberhealth.imaging.watermark.robust.RobustMark;

/**
 * One unit of work of one kind on one benchmark image, timed in the calling thread's CPU time; loaded by
 * {@link ABJ} once per jar, each in its own class loader. Kinds: robust (the robust mark alone), blocks
 * (the reversible scheme on every 64x64 block, random payloads of a given length), seal (crypto-watermark
 * without the robust mark), mark (with it), verify (public key), restore (issuer key).
 */
public class Work {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static Raster source;
    private static Raster marked;
    private static String kind;
    private static RobustMark robust;
    private static ReversibleScheme scheme;
    private static Bits[] payloads;
    private static IssuerKey key;
    private static TraceabilityRecord record;
    private static CryptoWatermark withRobust;
    private static CryptoWatermark sealOnly;
    private static long hash;

    public static void setup(String data, String image, String what, int blockBits) {
        kind = what;
        source = BenchData.load(Path.of(data), false).stream().filter(i -> i.name().startsWith(image)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no benchmark image named " + image)).raster();
        byte[] robustKey = new byte[32];
        Arrays.fill(robustKey, (byte) 34);
        robust = RobustMark.forRaster(robustKey, source);
        scheme = WatermarkSchemes.byName(WatermarkSchemes.DEFAULT);
        SplittableRandom random = new SplittableRandom(7);
        payloads = new Bits[(source.width() / 64) * (source.height() / 64)];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new Bits(Math.max(1, blockBits));
            for (int j = 0; j < blockBits; j++) {
                payloads[i].append(random.nextBoolean());
            }
        }
        key = IssuerKey.generate("ab");
        record = new TraceabilityRecord("ab", "lab-42", "ab", Instant.EPOCH, "speed");
        withRobust = new CryptoWatermark(scheme, RobustMarking.STANDARD);
        sealOnly = new CryptoWatermark(scheme, RobustMarking.NONE);
        marked = source.copy();
        withRobust.mark(marked, ImageIdentity.NONE, record, key, null);
    }

    public static long run() {
        Raster c = source.copy();
        long start = CPU.getCurrentThreadCpuTime();
        switch (kind) {
            case "robust" -> robust.embed(c, Region.whole(c), new Bits().append(0x9E3779B97F4A7C15L, 64));
            case "blocks" -> {
                int across = c.width() / 64;
                for (int i = 0; i < payloads.length; i++) {
                    scheme.embed(c, Region.rectangle(c, (i % across) * 64, (i / across) * 64, 64, 64), payloads[i]);
                }
            }
            case "seal" -> sealOnly.mark(c, ImageIdentity.NONE, record, key, null);
            case "mark" -> withRobust.mark(c, ImageIdentity.NONE, record, key, null);
            case "verify" -> CryptoWatermark.verify(marked, ImageIdentity.NONE, key.verificationKey(), null);
            case "restore" -> c = CryptoWatermark.verify(marked, ImageIdentity.NONE, key.verificationKey(), key).restored().orElseThrow();
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        long h = 0;
        for (int v : c.samples()) {
            h = h * 31 + v;
        }
        hash = h;
        return elapsed;
    }

    public static long hash() {
        return hash;
    }
}
