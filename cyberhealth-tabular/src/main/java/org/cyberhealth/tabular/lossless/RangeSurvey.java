package org.cyberhealth.tabular.lossless;

import java.math.BigDecimal;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * Measures an attribute's range in one pass over the original table, for a mark whose range is not
 * declared from the attribute's domain. The embedder then keeps it with the other parameters: a suspect
 * table's own range would move the circle.
 */
public final class RangeSurvey {

    private RangeSurvey() {}

    /** The smallest and largest value of {@code column} (in units of its last declared digit). */
    public static ValueRange of(TableReader table, TableSchema schema, String column) {
        int index = table.header().indexOf(column);
        if (index < 0) {
            throw new BadInputException("the table has no column " + column);
        }
        CellValues cells = new CellValues(MarkedAttribute.spec(schema, column).scale());
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        String[] row;
        while ((row = table.next()) != null) {
            BigDecimal value = cells.parse(row[index]);
            if (value == null) {
                continue;
            }
            BigDecimal units = cells.units(value);
            if (units.precision() <= 18 && Math.abs(units.longValueExact()) <= ValueRange.LIMIT) {
                lowest = Math.min(lowest, units.longValueExact());
                highest = Math.max(highest, units.longValueExact());
            }
        }
        if (lowest > highest) {
            throw new BadInputException("column " + column + " holds no plain number within +/-" + ValueRange.LIMIT + " units to mark");
        }
        return new ValueRange(lowest, highest);
    }
}
