package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Random;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/**
 * Pins what the mark computes: the marked raster, the side information and the soft values read back,
 * as a fingerprint recorded from the straightforward implementation (per-zone statistics objects, full
 * sorts, every strength searched anew for every guard choice) before it was made fast. A faster
 * embedder must change none of them; a deliberate change of the scheme must record new fingerprints.
 * Container version 4 may name the zones left unmarked by flags instead of by number, after a bit saying
 * which: the first fingerprints still hold with the side information coded by number again (the marking
 * is as it was, and whatever coding is chosen names the very zones the numbers did), the second are the
 * side information as embedded (by number, as these pictures leave few zones unmarked). Container
 * version 5 marks 8-bit pictures in 4x4-pixel units, a deliberate change: Airplane's fingerprints were
 * recorded anew then (the row-by-row gathering of those zones is checked against the general one by
 * {@link ZoneStatisticsTest}). Since wider ranges plan each bit for a copy that kept 0.4 of its shifts
 * ({@link RobustParameters#survival}), another deliberate change, the CT slice's were recorded anew.
 */
class RobustMarkOutputPinTest {

    private static final Bits MESSAGE = new Bits().append(0x9E3779B97F4A7C15L, 64);

    @Test
    void airplaneIsMarkedAsBefore() {
        Raster airplane = TestPictures.airplane();
        RobustMark mark = RobustMark.forRaster(TestPictures.key(1), airplane);
        assertThat(fingerprint(mark, airplane, Region.whole(airplane), true)).isEqualTo("aeb1cfef6dca6c5e");
        assertThat(fingerprint(mark, airplane, Region.whole(airplane), false)).isEqualTo("d907bd9c56313de1");
    }

    @Test
    void aCtSliceIsMarkedAsBefore() {
        Raster ct = TestPictures.ctSlice();
        RobustMark mark = RobustMark.forRaster(TestPictures.key(1), ct);
        assertThat(fingerprint(mark, ct, Region.whole(ct), true)).isEqualTo("b8879deb1d3aa937");
        assertThat(fingerprint(mark, ct, Region.whole(ct), false)).isEqualTo("7ec072d86c8f688f");
    }

    @Test
    void aCtSliceWithProtectedSamplesIsMarkedAsBefore() {
        Raster ct = TestPictures.ctSlice();
        BitSet protectedSamples = new BitSet();
        Random random = new Random(9);
        for (int i = 0; i < 5000; i++) {
            protectedSamples.set(random.nextInt(ct.size()));
        }
        Region region = Region.rectangle(ct, 13, 21, 470, 451).excluding(protectedSamples);
        RobustMark mark = RobustMark.forRaster(TestPictures.key(2), ct);
        assertThat(fingerprint(mark, ct, region, true)).isEqualTo("1480ed5f41b1d45e");
        assertThat(fingerprint(mark, ct, region, false)).isEqualTo("b288f9d8a2c24358");
    }

    /** @param byNumber whether the side information is coded by number again, as containers up to version 3 held it */
    private static String fingerprint(RobustMark mark, Raster original, Region region, boolean byNumber) {
        Raster marked = original.copy();
        Bits embedded = mark.embed(marked, region, MESSAGE);
        Bits side = byNumber ? SideInformationTest.renumbered(mark, marked, region, embedded) : embedded;
        ByteBuffer buffer = ByteBuffer.allocate(4 * marked.size() + 8 * mark.messageBits() + 4);
        for (int sample : marked.samples()) {
            buffer.putInt(sample);
        }
        for (double soft : mark.read(marked).softValues()) {
            buffer.putDouble(soft);
        }
        buffer.putInt(side.length());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buffer.array());
            sha.update(side.toBytes());
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
