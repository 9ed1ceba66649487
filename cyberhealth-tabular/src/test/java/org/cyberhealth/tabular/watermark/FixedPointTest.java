package org.cyberhealth.tabular.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedPointTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "-7", "48.1", "-0.5", "0.05", "123.4500", "-1000.000", "99999999999999999"})
    void plainDecimalsRoundTripExactly(String text) {
        assertThat(FixedPoint.parse(text).format()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1e5", "1.2.3", "abc", "12 ", "NaN", "123456789012345678"})
    void anythingElseIsNotANumber(String text) {
        assertThat(FixedPoint.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void leadingPlusAndBarePointAreRead() {
        assertThat(FixedPoint.parse("+3.")).isEqualTo(new FixedPoint(3, 0));
        assertThat(FixedPoint.parse(".5")).isEqualTo(new FixedPoint(5, 1));
    }
}
