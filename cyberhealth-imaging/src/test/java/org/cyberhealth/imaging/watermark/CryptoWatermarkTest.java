package org.cyberhealth.imaging.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.Random;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;
import org.cyberhealth.imaging.watermark.reversible.CapacityExceededException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CryptoWatermarkTest {

    private static final IssuerKey KEY = IssuerKey.generate("Test Hospital");
    private static final ImageIdentity ID = new ImageIdentity("PAT-1", "1.2.3", "1.2.3.4", "1.2.3.4.5");
    private static final TraceabilityRecord RECORD =
            new TraceabilityRecord("Test Hospital", "lab-42", "export-1", Instant.ofEpochSecond(1_700_000_000L), "study");
    private static Raster airplane;

    @BeforeAll
    static void load() throws Exception {
        airplane = ImageFiles.read(Path.of(CryptoWatermarkTest.class.getResource("/classic/Airplane.png").toURI())).raster();
    }

    /** A CT-like signed 16-bit slice: smooth anatomy-like blobs, noise, an air background at -1024. */
    static Raster syntheticCt(int size, long seed) {
        return syntheticCt(size, seed, 8);
    }

    /** A synthetic CT slice with Gaussian noise of standard deviation {@code noise} HU. */
    static Raster syntheticCt(int size, long seed, double noise) {
        Random random = new Random(seed);
        int[] s = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - size / 2.0) / (size * 0.4);
                double dy = (y - size / 2.0) / (size * 0.35);
                double r = dx * dx + dy * dy;
                double value = r < 1 ? 40 + 30 * Math.sin(x / 17.0) * Math.cos(y / 23.0) + (r < 0.1 ? 600 : 0) : -1024;
                s[y * size + x] = (int) Math.round(value + random.nextGaussian() * noise);
            }
        }
        return Raster.wrap(size, size, s, -32768, 32767);
    }

    private static CryptoWatermark watermark() {
        return new CryptoWatermark(WatermarkSchemes.byName(WatermarkSchemes.DEFAULT), RobustMarking.STANDARD);
    }

    @Test
    void markVerifyRestoreIsBitExactOnAnEightBitImage() {
        Raster marked = airplane.copy();
        MarkReport report = watermark().mark(marked, ID, RECORD, KEY, null);
        assertThat(marked.sameAs(airplane)).isFalse();
        assertThat(marked.inRange()).isTrue();
        assertThat(report.blockSize()).isEqualTo(64);
        assertThat(report.bitsPerSample()).isLessThan(0.05);

        Verification v = CryptoWatermark.verify(marked, ID, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(v.record()).contains(RECORD);
        assertThat(v.restored().orElseThrow().sameAs(airplane)).isTrue();
    }

    @Test
    void aSealThatDoesNotFitSmallBlocksIsMarkedAgainFromTheOriginalInLargerOnes() throws Exception {
        // noise of 90 HU leaves 64x64 blocks of a 128x128 slice too little room: the mark is made
        // again, robust mark included, on the original put back, and must verify and restore exactly.
        // Room follows the key (the robust mark's zones, the seal's size), so the key is a fixed one.
        IssuerKey key = KeyFiles.readIssuerKey(Path.of(CryptoWatermarkTest.class.getResource("/container-v1/fixture.key").toURI()));
        Raster original = syntheticCt(128, 3, 90);
        Raster marked = original.copy();
        MarkReport report = watermark().mark(marked, ID, RECORD, key, null);
        assertThat(report.blockSize()).isEqualTo(96);
        Verification v = CryptoWatermark.verify(marked, ID, key.verificationKey(), key);
        assertThat(v.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(v.restored().orElseThrow().sameAs(original)).isTrue();
    }

    @Test
    void automaticBlockSizeChangesTheImageNoMoreThanTheFinestAndAnExplicitSizeIsKept() {
        Raster automatic = airplane.copy();
        watermark().mark(automatic, ID, RECORD, KEY, null);
        Raster fine = airplane.copy();
        MarkReport report = new CryptoWatermark(WatermarkSchemes.byName(WatermarkSchemes.DEFAULT), RobustMarking.STANDARD, 32)
                .mark(fine, ID, RECORD, KEY, null);
        assertThat(report.blockSize()).isEqualTo(32);
        assertThat(report.blocks()).isEqualTo(256);
        assertThat(org.cyberhealth.imaging.Fidelity.psnr(airplane, automatic)).isGreaterThanOrEqualTo(
                org.cyberhealth.imaging.Fidelity.psnr(airplane, fine));
        Verification v = CryptoWatermark.verify(fine, ID, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(v.restored().orElseThrow().sameAs(airplane)).isTrue();
    }

    @Test
    void markVerifyRestoreIsBitExactOnSignedSixteenBitCt() {
        Raster ct = syntheticCt(256, 7);
        Raster marked = ct.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        Verification v = CryptoWatermark.verify(marked, ID, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(v.restored().orElseThrow().sameAs(ct)).isTrue();
    }

    @Test
    void onePixelChangedByOneIsFoundAndLocated() {
        Raster marked = airplane.copy();
        new CryptoWatermark(WatermarkSchemes.byName(WatermarkSchemes.DEFAULT), RobustMarking.STANDARD, 32).mark(marked, ID, RECORD, KEY, null);
        int x = 300;
        int y = 201;
        marked.set(x, y, marked.get(x, y) == 255 ? 254 : marked.get(x, y) + 1);

        Verification v = CryptoWatermark.verify(marked, ID, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(v.localised()).isTrue();
        assertThat(v.tamperedRegions()).anySatisfy(r -> {
            assertThat(x).isBetween(r.x(), r.x() + r.width() - 1);
            assertThat(y).isBetween(r.y(), r.y() + r.height() - 1);
        });
        // Localised: the change is confined to the block that holds it and, at most, its neighbours.
        assertThat(v.tamperedRegions()).hasSizeLessThanOrEqualTo(4);
        assertThat(v.restored()).isEmpty();
        assertThat(v.record()).contains(RECORD);
    }

    /**
     * The header's bits (the first run of the top row holds a copy) are left out of the blocks' digests:
     * a change to one of its samples, in its header bit or above it, is still found, with either key,
     * and located in the block that holds it.
     */
    @Test
    void aChangedHeaderSampleIsFoundAndLocated() {
        Raster marked = airplane.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        for (int change : new int[] {1, 4}) {
            Raster changed = marked.copy();
            changed.set(5, 0, changed.get(5, 0) ^ change);
            for (IssuerKey issuer : new IssuerKey[] {KEY, null}) {
                Verification v = CryptoWatermark.verify(changed, ID, KEY.verificationKey(), issuer);
                assertThat(v.verdict()).as("change %d", change).isEqualTo(Verdict.TAMPERED);
                if (issuer != null || change == 1) {
                    assertThat(v.tamperedRegions()).as("change %d", change).singleElement().satisfies(r -> assertThat(r.x()).isZero());
                }
            }
        }
    }

    @Test
    void publicKeyVerifiesButNeitherReadsTheRecordNorRemovesTheRobustMark() {
        Raster marked = airplane.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        Verification v = CryptoWatermark.verify(marked, ID, KEY.verificationKey(), null);
        assertThat(v.verdict()).isEqualTo(Verdict.AUTHENTIC);
        assertThat(v.record()).isEmpty();
        assertThat(v.restored().orElseThrow().sameAs(airplane)).isFalse();

        marked.set(10, 400, marked.get(10, 400) ^ 4);
        assertThat(CryptoWatermark.verify(marked, ID, KEY.verificationKey(), null).verdict()).isEqualTo(Verdict.TAMPERED);
    }

    @Test
    void movingTheMarkToAnotherPatientBreaksTheSeal() {
        Raster marked = airplane.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        ImageIdentity other = new ImageIdentity("PAT-2", ID.studyInstanceUid(), ID.seriesInstanceUid(), ID.sopInstanceUid());
        Verification v = CryptoWatermark.verify(marked, other, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(v.detail()).contains("identifying attributes");
    }

    @Test
    void distinguishesNoWatermarkAndWrongKey() {
        assertThat(CryptoWatermark.verify(airplane, ID, KEY.verificationKey(), KEY).verdict()).isEqualTo(Verdict.NO_WATERMARK);
        Raster marked = airplane.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        IssuerKey other = IssuerKey.generate("Other");
        Verification v = CryptoWatermark.verify(marked, ID, other.verificationKey(), other);
        assertThat(v.verdict()).isEqualTo(Verdict.WRONG_KEY);
        assertThat(v.embeddedKeyId()).isEqualTo(KEY.keyId());
    }

    @Test
    void regionOfInterestStaysUntouchedAndIsStillChecked() {
        Raster marked = airplane.copy();
        BitSet roi = RegionOfInterest.rectangle(200, 200, 60, 50).samples(marked, marked.height());
        MarkReport report = watermark().mark(marked, ID, RECORD, KEY, roi);
        assertThat(report.untouchedBlocks()).isPositive();
        roi.stream().forEach(i -> assertThat(marked.samples()[i]).isEqualTo(airplane.samples()[i]));
        assertThat(CryptoWatermark.verify(marked, ID, KEY.verificationKey(), KEY).verdict()).isEqualTo(Verdict.AUTHENTIC);

        marked.set(220, 220, marked.get(220, 220) ^ 1);
        Verification v = CryptoWatermark.verify(marked, ID, KEY.verificationKey(), KEY);
        assertThat(v.verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(v.tamperedRegions()).anySatisfy(r -> assertThat(220).isBetween(r.x(), r.x() + r.width() - 1));
    }

    @Test
    void anImageTooSmallToHoldTheSealIsRefusedAndLeftUnchanged() {
        Raster tiny = syntheticCt(24, 3);
        Raster before = tiny.copy();
        assertThatThrownBy(() -> watermark().mark(tiny, ID, RECORD, KEY, null)).isInstanceOf(CapacityExceededException.class);
        assertThat(tiny.sameAs(before)).isTrue();
    }

    @Test
    void robustMarkCarriesTheRecipientCode() {
        Raster marked = airplane.copy();
        watermark().mark(marked, ID, RECORD, KEY, null);
        RecipientTracer.Trace trace = RecipientTracer.trace(marked, KEY, java.util.List.of("lab-1", "lab-42", "lab-7"), 1e-6);
        assertThat(trace.accused()).hasValueSatisfying(c -> assertThat(c.recipient()).isEqualTo("lab-42"));
        assertThat(RecipientTracer.trace(airplane, KEY, java.util.List.of("lab-1", "lab-42"), 1e-6).accused()).isEmpty();
    }
}
