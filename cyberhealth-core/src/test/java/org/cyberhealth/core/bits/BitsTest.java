package org.cyberhealth.core.bits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Bits against a plain list of booleans: every way of appending and reading agrees with it. */
class BitsTest {

    @Test
    void appendsAndReadsLikeAListOfBooleans() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            Bits bits = new Bits(1);
            List<Boolean> expected = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        boolean bit = random.nextBoolean();
                        bits.append(bit);
                        expected.add(bit);
                    }
                    case 1 -> {
                        int count = random.nextInt(65);
                        long value = random.nextLong();
                        bits.append(value, count);
                        for (int i = count - 1; i >= 0; i--) {
                            expected.add((value >>> i & 1L) != 0);
                        }
                    }
                    default -> {
                        Bits other = new Bits();
                        for (int i = random.nextInt(100); i > 0; i--) {
                            boolean bit = random.nextBoolean();
                            other.append(bit);
                            expected.add(bit);
                        }
                        bits.append(other);
                    }
                }
            }
            assertThat(bits.length()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(bits.get(i)).isEqualTo(expected.get(i));
                assertThat(bits.bit(i)).isEqualTo(expected.get(i) ? 1 : 0);
            }
            int from = random.nextInt(expected.size() + 1);
            int to = from + random.nextInt(expected.size() - from + 1);
            Bits slice = bits.slice(from, to);
            assertThat(slice.length()).isEqualTo(to - from);
            for (int i = from; i < to; i++) {
                assertThat(slice.get(i - from)).isEqualTo(expected.get(i));
            }
            assertThat(Bits.fromBytes(bits.toBytes()).slice(0, bits.length())).isEqualTo(bits);
        }
    }
}
