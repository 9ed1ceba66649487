package org.cyberhealth.tabular.lossless;

import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;

/**
 * A generated table of inpatient stays, the kind of table the paper marks (its experiments use a
 * database of more than a million hospital stays, with the patient's age and the length of stay as
 * carriers; that database is not public). Columns: stay_id (the primary key), age in years (newborns,
 * children, and adults around 60), and length_of_stay in days (mostly short, a long tail). The same
 * seed gives the same rows at every reading, so it is a {@link TableSource} of any size in constant
 * memory.
 */
public record SyntheticStays(long rows, long seed) implements TableSource {

    public static final TableHeader HEADER = TableHeader.untyped(List.of("stay_id", "age", "length_of_stay"));
    public static final TableSchema SCHEMA = new TableSchema("stays", List.of("stay_id"), false, List.of(
            new ColumnSpec("age", ColumnType.INTEGER, 0, true, 10, List.of()),
            new ColumnSpec("length_of_stay", ColumnType.INTEGER, 0, true, 10, List.of())));
    /** The age range laid around the circle, declared from the attribute's domain. */
    public static final ValueRange AGES = new ValueRange(0, 110);

    public SyntheticStays {
        if (rows < 0) {
            throw new BadInputException("a table cannot have " + rows + " rows");
        }
    }

    @Override
    public TableReader open() {
        return new TableReader() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long next;

            @Override
            public TableHeader header() {
                return HEADER;
            }

            @Override
            public String[] next() {
                if (next == rows) {
                    return null;
                }
                return new String[] {Long.toString(next++), Long.toString(age(random)), Long.toString(lengthOfStay(random))};
            }

            @Override
            public double progress() {
                return rows == 0 ? 1 : (double) next / rows;
            }

            @Override
            public void close() {}
        };
    }

    private static long age(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.08) {
            return 0;
        }
        if (u < 0.18) {
            return 1 + random.nextInt(17);
        }
        return Math.max(18, Math.min(105, Math.round(62 + 18 * random.nextGaussian())));
    }

    private static long lengthOfStay(SplittableRandom random) {
        return Math.min(365, (long) Math.floor(-Math.log(1 - random.nextDouble()) * 5));
    }
}
