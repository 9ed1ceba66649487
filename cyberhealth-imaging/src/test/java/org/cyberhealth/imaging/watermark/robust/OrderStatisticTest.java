package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderStatisticTest {

    @ParameterizedTest(name = "{0} numbers")
    @ValueSource(ints = {1, 2, 3, 10, 101, 4096})
    void selectsWhatSortingPutsAtEveryPlaceWithManyTiesAndInSortedInput(int count) {
        Random random = new Random(count);
        double[][] inputs = {
            random.doubles(count).toArray(),
            random.ints(count, 0, 5).asDoubleStream().toArray(),
            random.doubles(count).sorted().toArray(),
        };
        for (double[] input : inputs) {
            double[] sorted = input.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < count; k += Math.max(1, count / 37)) {
                double[] work = Arrays.copyOf(input, count + 3);
                assertThat(OrderStatistic.select(work, count, k)).isEqualTo(sorted[k]);
            }
        }
    }

    @ParameterizedTest(name = "place {0}")
    @ValueSource(ints = {-1, 3})
    void refusesAPlaceOutsideTheNumbers(int k) {
        assertThatThrownBy(() -> OrderStatistic.select(new double[] {1, 2, 3}, 3, k)).isInstanceOf(IllegalArgumentException.class);
    }
}
