package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cyberhealth.core.bits.Bits;
import org.junit.jupiter.api.Test;

/** The building blocks: invertible error mappings, the location map code, the stable order. */
class ExpansionMappingTest {

    private static List<MirroredExpansion> expansions() {
        List<HalfMapping> halves = new ArrayList<>(List.of(HalfMapping.NONE));
        for (int t = 0; t < 5; t++) {
            halves.add(HalfMapping.bin(t));
            halves.add(HalfMapping.threshold(t));
        }
        List<MirroredExpansion> out = new ArrayList<>();
        for (HalfMapping left : halves) {
            for (HalfMapping right : halves) {
                out.add(new MirroredExpansion(left, right));
            }
        }
        return out;
    }

    @Test
    void everyMappingIsInvertibleAndInjective() {
        for (MirroredExpansion expansion : expansions()) {
            java.util.Set<Integer> images = new java.util.HashSet<>();
            for (int e = -40; e <= 40; e++) {
                for (int bit = 0; bit <= (expansion.carries(e) ? 1 : 0); bit++) {
                    int marked = expansion.mark(e, bit);
                    assertThat(images.add(marked)).as("%s,%s collides", e, bit).isTrue();
                    assertThat(expansion.restore(marked)).isEqualTo(e);
                    assertThat(expansion.bit(marked)).isEqualTo(expansion.carries(e) ? bit : -1);
                    assertThat(Integer.signum(marked) >= 0).isEqualTo(e >= 0);
                    assertThat(Math.abs(marked)).as("moves away from zero").isGreaterThanOrEqualTo(Math.abs(e));
                    assertThat((long) Math.abs(marked - e)).isLessThanOrEqualTo(expansion.maxShift());
                }
            }
        }
    }

    /** The tabulated expansion agrees with its two half mappings on every error and every marked error. */
    @Test
    void tabulatedExpansionAgreesWithItsHalves() {
        for (MirroredExpansion expansion : expansions()) {
            for (int e = -200; e <= 200; e++) {
                HalfMapping side = e >= 0 ? expansion.right() : expansion.left();
                int mirrored = e >= 0 ? e : -1 - e;
                for (int bit = 0; bit <= 1; bit++) {
                    int halves = side.mark(mirrored, bit);
                    assertThat(expansion.mark(e, bit)).isEqualTo(e >= 0 ? halves : -1 - halves);
                }
                assertThat(expansion.carries(e)).isEqualTo(side.carries(mirrored));
                int restored = side.restore(mirrored);
                assertThat(expansion.restore(e)).as("restore %d", e).isEqualTo(e >= 0 ? restored : -1 - restored);
                assertThat(expansion.bit(e)).as("bit %d", e).isEqualTo(side.bit(mirrored));
            }
        }
    }

    @Test
    void pairwiseMappingIsInjectiveAndCarriesItsBits() {
        java.util.Map<Long, String> seen = new java.util.HashMap<>();
        for (int a = 0; a < 12; a++) {
            for (int b = 0; b < 12; b++) {
                for (int first = 0; first <= 1; first++) {
                    for (int second = 0; second <= 1; second++) {
                        int used = PairwiseExpansion.bitsUsed(a, b, first);
                        if (used < 1 && first == 1 || used < 2 && second == 1) {
                            continue;
                        }
                        long marked = PairwiseExpansion.mark(a, b, first, second);
                        String source = a + "," + b + ":" + first + second;
                        String clash = seen.put(marked, source);
                        assertThat(clash == null || clash.startsWith(a + "," + b + ":")).as(source + " vs " + clash).isTrue();
                        int ma = PairwiseExpansion.first(marked);
                        int mb = PairwiseExpansion.second(marked);
                        assertThat(PairwiseExpansion.restore(ma, mb)).isEqualTo((long) a << 32 | b);
                        int code = PairwiseExpansion.carried(ma, mb);
                        assertThat(code >> 2).isEqualTo(used);
                        int expected = used == 2 ? first << 1 | second : used == 1 ? first : 0;
                        assertThat(code & 3).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(PairwiseExpansion.restore(2, 2)).as("never produced").isEqualTo(-1);
        assertThat(PairwiseExpansion.mark(0, 0, 0, 0)).isEqualTo(0L);
        assertThat(PairwiseExpansion.mark(1, 1, 0, 0)).as("(1,1) stays").isEqualTo(1L << 32 | 1);
    }

    /** Every mapping comes back from its code: the same one, or (threshold 0) one that maps every error alike. */
    @Test
    void halfMappingCodesRoundTrip() {
        for (MirroredExpansion expansion : expansions()) {
            HalfMapping half = expansion.right();
            HalfMapping back = HalfMapping.ofCode(half.code());
            if (half.mode() != HalfMapping.Mode.THRESHOLD || half.t() != 0) {
                assertThat(back.mode()).isEqualTo(half.mode());
                assertThat(back.t()).isEqualTo(half.t());
            }
            for (int e = 0; e <= 40; e++) {
                assertThat(back.mark(e, 0)).isEqualTo(half.mark(e, 0));
                assertThat(back.mark(e, 1)).isEqualTo(half.mark(e, 1));
                assertThat(back.restore(e)).isEqualTo(half.restore(e));
                assertThat(back.bit(e)).isEqualTo(half.bit(e));
            }
            assertThat(back.maxShift()).isEqualTo(half.maxShift());
        }
        assertThat(HalfMapping.bin(0).code()).as("the commonest mapping is one bit").isEqualTo(1);
    }

    @Test
    void sachnevThresholdsMatchThePaper() {
        // Tn = -2, Tp = 1: [Tn, Tp] doubled, beyond shifted by Tp + 1 and Tn
        MirroredExpansion sachnev = new MirroredExpansion(HalfMapping.threshold(1), HalfMapping.threshold(1));
        assertThat(sachnev.mark(1, 1)).isEqualTo(3);
        assertThat(sachnev.mark(5, 0)).isEqualTo(7);
        assertThat(sachnev.mark(-5, 0)).isEqualTo(-7);
        assertThat(sachnev.mark(-2, 0)).isIn(-4, -3);
    }

    @Test
    void locationMapRoundTripsAndStaysSmall() {
        Random random = new Random(3);
        for (int n : new int[] {0, 1, 7, 100, 5000}) {
            for (double ones : new double[] {0, 0.01, 0.5, 1}) {
                Bits flags = new Bits();
                for (int i = 0; i < n; i++) {
                    flags.append(random.nextDouble() < ones);
                }
                Bits coded = new Bits();
                LocationMap.write(flags, coded);
                assertThat(LocationMap.read(new BitReader(coded), n)).isEqualTo(flags);
                if (n == 5000 && (ones == 0 || ones == 1)) {
                    assertThat(coded.length()).isLessThan(64);
                }
            }
        }
        Bits empty = new Bits();
        LocationMap.write(new Bits(), empty);
        assertThat(empty.length()).isEqualTo(1);
    }

    /** Keys of few values (counted), of up to 15 bits (radix sort in ints) and of 31 bits (in longs). */
    @Test
    void stableOrderSortsAndKeepsTies() {
        Random random = new Random(5);
        for (int bound : new int[] {50, 1 << 15, Integer.MAX_VALUE}) {
            int[] keys = new int[10_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = i % 3 == 0 ? random.nextInt(bound) : random.nextInt(50);
            }
            int[] order = StableOrder.ascending(keys, keys.length);
            for (int i = 1; i < order.length; i++) {
                int a = order[i - 1];
                int b = order[i];
                assertThat(keys[a] < keys[b] || keys[a] == keys[b] && a < b).as("bound %d, rank %d", bound, i).isTrue();
            }
            int[] items = new int[keys.length];
            for (int i = 0; i < items.length; i++) {
                items[i] = 3 * i + 7;
            }
            int[] reordered = StableOrder.itemsAscending(keys, items);
            for (int i = 0; i < order.length; i++) {
                assertThat(reordered[i]).isEqualTo(items[order[i]]);
            }
        }
    }
}
