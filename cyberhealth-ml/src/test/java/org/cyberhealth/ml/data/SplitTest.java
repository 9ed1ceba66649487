package org.cyberhealth.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void aHoldOutIsDisjointStratifiedAndTheSameForTheSameSeed() {
        Dataset table = SklearnTables.breastCancer(SklearnTablesTest.DATA.resolve("tabular/sklearn/breast_cancer.csv"));
        Split split = Split.holdOut(table, 0.2, 7);
        assertThat(split.train().size() + split.test().size()).isEqualTo(569);
        // 212 malignant of 569: 20% of each class held out (42 of 212, 71 of 357).
        assertThat(Arrays.stream(split.test().targets()).filter(t -> t == 0).count()).isEqualTo(42);
        assertThat(split.test().size()).isEqualTo(113);
        Set<double[]> train = new HashSet<>(Arrays.asList(split.train().features()));
        assertThat(Arrays.stream(split.test().features()).noneMatch(train::contains)).isTrue();
        assertThat(Split.holdOut(table, 0.2, 7).test().features()).isEqualTo(split.test().features());
        assertThat(Split.holdOut(table, 0.2, 8).test().features()).isNotEqualTo(split.test().features());
    }
}
