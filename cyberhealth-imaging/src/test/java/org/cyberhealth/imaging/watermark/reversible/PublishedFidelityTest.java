package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/**
 * Fidelity against the literature: PSNR at 10,000 bits as published by Ou et al. (2014, PVO-k paper,
 * results table) for Sachnev et al. (2009): Baboon 54.15 dB, Airplane 60.37 dB.
 */
class PublishedFidelityTest {

    private static double psnrAtTenThousandBits(ReversibleScheme scheme, String image) {
        Raster original = TestImages.classic(image);
        Raster marked = original.copy();
        scheme.embed(marked, Region.whole(marked), TestImages.randomBits(10_000, 42));
        return Fidelity.psnr(original, marked);
    }

    @Test
    void sachnevReproducesPublishedPsnr() {
        assertThat(psnrAtTenThousandBits(new Sachnev2009Scheme(), "Baboon.png")).isCloseTo(54.15, within(0.3));
        assertThat(psnrAtTenThousandBits(new Sachnev2009Scheme(), "Airplane.png")).isCloseTo(60.37, within(0.3));
    }

    /** Measured: Baboon +2.1 dB (56.3 dB, above PVO-k's 54.58), Airplane +3.6 dB (64.0 dB, above 63.33). */
    @Test
    void oursBeatsSachnevByTwoDecibels() {
        for (String image : new String[] {"Baboon.png", "Airplane.png"}) {
            double sachnev = psnrAtTenThousandBits(new Sachnev2009Scheme(), image);
            assertThat(psnrAtTenThousandBits(new AdaptiveMhmScheme(), image)).as(image).isGreaterThan(sachnev + 2.0);
        }
        assertThat(psnrAtTenThousandBits(new AdaptiveMhmScheme(), "Baboon.png")).isGreaterThan(56.0);
        assertThat(psnrAtTenThousandBits(new AdaptiveMhmScheme(), "Airplane.png")).isGreaterThan(63.5);
    }

    /** PSNR after embedding {@code bits} pseudo-random bits in every 64x64 block, one block at a time. */
    private static double psnrOfBlocks(ReversibleScheme scheme, String image, int bits) {
        Raster original = TestImages.classic(image);
        Raster marked = original.copy();
        SplittableRandom random = new SplittableRandom(7);
        for (int y = 0; y + 64 <= marked.height(); y += 64) {
            for (int x = 0; x + 64 <= marked.width(); x += 64) {
                Bits payload = new Bits(bits);
                for (int i = 0; i < bits; i++) {
                    payload.append(random.nextBoolean());
                }
                scheme.embed(marked, Region.rectangle(marked, x, y, 64, 64), payload);
            }
        }
        return Fidelity.psnr(original, marked);
    }

    /**
     * At the crypto-watermark's payload (about 110 bits a 64x64 block) side information is a third of
     * what a block embeds; ours must still beat the baseline there, on textured Baboon too. Measured:
     * Baboon +0.6 dB, Airplane +2.6 dB (before the side information was counted: -2.7 and +1.3).
     */
    @Test
    void oursBeatsSachnevAtSealPayloads() {
        for (String image : new String[] {"Baboon.png", "Airplane.png"}) {
            assertThat(psnrOfBlocks(new AdaptiveMhmScheme(), image, 110)).as(image)
                    .isGreaterThan(psnrOfBlocks(new Sachnev2009Scheme(), image, 110) + 0.3);
        }
    }
}
