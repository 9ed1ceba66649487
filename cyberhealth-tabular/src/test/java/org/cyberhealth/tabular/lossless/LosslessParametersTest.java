package org.cyberhealth.tabular.lossless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.watermark.MarkingKey;
import org.junit.jupiter.api.Test;

class LosslessParametersTest {

    static final ValueRange AGES = new ValueRange(0, 110);

    @Test
    void badSettingsAreRefusedInOneLine() {
        assertRefused(() -> new LosslessParameters(0, 1, AGES, RangeEnds.WRAP, 1), "number of groups must be between 1 and 200000, got 0");
        assertRefused(() -> new LosslessParameters(10, 0, AGES, RangeEnds.WRAP, 1), "shift must be between 1 and 1048576 units, got 0");
        assertRefused(() -> new LosslessParameters(10, 1, AGES, RangeEnds.WRAP, 11), "message must have between 1 and 10 bits");
        assertRefused(() -> new LosslessParameters(10, 7, AGES, RangeEnds.WRAP, 1), "use a shift of at most 6");
        assertRefused(() -> new ValueRange(5, 4), "the value range is empty");
        assertRefused(() -> MarkingKey.fromSecret(new byte[8]), "at least 16 secret bytes");
    }

    @Test
    void theColumnMustBeANumberTheSchemaAllowsToMoveThatFar() {
        TableSchema schema = new TableSchema("t", List.of("id"), false, List.of(
                new ColumnSpec("age", ColumnType.INTEGER, 0, true, 2, List.of()),
                new ColumnSpec("code", ColumnType.CATEGORICAL, 0, false, 0, List.of()),
                new ColumnSpec("weight", ColumnType.DECIMAL, 1, false, 0, List.of())));
        LosslessParameters shiftThree = new LosslessParameters(10, 3, AGES, RangeEnds.WRAP, 1);
        MarkingKey key = LosslessFixtures.key(1);
        assertRefused(() -> new LosslessWatermark(schema, "age", key, shiftThree), "exceeds the 2 units column age allows");
        assertRefused(() -> new LosslessWatermark(schema, "code", key, shiftThree), "column code is categorical");
        assertRefused(() -> new LosslessWatermark(schema, "weight", key, shiftThree), "column weight is not marked");
        assertRefused(() -> new LosslessWatermark(schema, "height", key, shiftThree), "has no column height");
    }

    @Test
    void theRotationIsTwiceEachSubGroupsTurn() {
        assertThat(new LosslessParameters(10, 2, AGES, RangeEnds.WRAP, 1).rotation()).isEqualTo(2 * 2 * Math.PI * 2 / 111);
        assertThat(new LosslessParameters(10, 2, AGES, RangeEnds.EXTEND, 1).positions()).isEqualTo(113);
    }

    @Test
    void theKeyNeverShowsItsSecret() {
        assertThat(LosslessFixtures.key(1).toString()).isEqualTo("MarkingKey[secret hidden]");
    }

    static void assertRefused(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }
}
