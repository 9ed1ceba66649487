package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArithmeticCoderTest {

    /** Two channels: one peaked on level 3 (about 1.3 bits a symbol), one uniform over 8 levels (3 bits). */
    private static final double[][] PROBABILITIES = {
        {0.02, 0.03, 0.1, 0.7, 0.1, 0.03, 0.01, 0.01},
        {0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125}};

    private static int[][] draw(Codes geometry, int images, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int plane = geometry.height() * geometry.width();
        int[][] codes = new int[images][geometry.symbols()];
        for (int[] image : codes) {
            for (int q = 0; q < image.length; q++) {
                double u = random.nextDouble();
                double[] p = PROBABILITIES[q / plane];
                int s = 0;
                while (s < p.length - 1 && (u -= p[s]) >= 0) {
                    s++;
                }
                image[q] = s;
            }
        }
        return codes;
    }

    @Test
    void roundTripsExactlyAtTheTablesIdealLength() {
        Codes geometry = new Codes(2, 16, 16, 8);
        FrequencyTables tables = FrequencyTables.of(PROBABILITIES);
        int[][] codes = draw(geometry, 10, 11);
        byte[] stream = ArithmeticCoder.encode(codes, tables, geometry);
        byte[] shifted = new byte[stream.length + 3];
        System.arraycopy(stream, 0, shifted, 3, stream.length);
        assertThat(ArithmeticCoder.decode(shifted, 3, tables, geometry, codes.length)).isDeepEqualTo(codes);
        double ideal = tables.bitsPerImage(codes, geometry) * codes.length / 8;
        assertThat((double) stream.length).isBetween(ideal, ideal + 4);
        // Far below the 3 bits a symbol of fixed-width packing: the peaked channel costs about 1.5 bits.
        assertThat(stream.length * 8L).isLessThan(geometry.packedBitsPerImage() * codes.length * 4 / 5);
        // Every level is codable, even one the model gave (almost) no mass, and the tables survive serialisation.
        FrequencyTables read = FrequencyTables.fromBytes(tables.toBytes(), 0, 2, 8);
        assertThat(read.frequencies()).isDeepEqualTo(tables.frequencies());
        int[][] unlikely = {new int[geometry.symbols()]};
        java.util.Arrays.fill(unlikely[0], 7);
        assertThat(ArithmeticCoder.decode(ArithmeticCoder.encode(unlikely, read, geometry), 0, read, geometry, 1)).isDeepEqualTo(unlikely);
    }

    @Test
    void damagedStreamsAndTablesStillDecodeToSymbols() {
        Codes geometry = new Codes(2, 8, 8, 8);
        SplittableRandom random = new SplittableRandom(2);
        byte[] garbage = new byte[300];
        for (int k = 0; k < garbage.length; k++) {
            garbage[k] = (byte) random.nextInt(256);
        }
        FrequencyTables tables = FrequencyTables.fromBytes(garbage, 0, 2, 8);
        int[][] codes = ArithmeticCoder.decode(garbage, 32, tables, geometry, 5);
        for (int[] image : codes) {
            for (int s : image) {
                assertThat(s).isBetween(0, 7);
            }
        }
    }
}
