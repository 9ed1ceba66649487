package org.cyberhealth.tabular.lossless;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.schema.ColumnSpec;
import org.cyberhealth.tabular.schema.ColumnType;
import org.cyberhealth.tabular.schema.TableSchema;
import org.cyberhealth.tabular.testing.Tables;
import org.cyberhealth.tabular.testing.Tables.Loaded;
import org.cyberhealth.tabular.watermark.MarkingKey;

/** Tables, keys and messages shared by the lossless tests, all from fixed seeds. */
final class LosslessFixtures {

    static final TableSchema MEASUREMENT = new TableSchema("measurement", List.of("measurement_id"), false, List.of(
            new ColumnSpec("value_as_number", ColumnType.DECIMAL, 1, true, 1000, List.of())));
    static final Loaded OMOP = Tables.load(Tables.measurementCsv());
    /** On the OMOP values (0.0 to 1964.7, heavy-tailed): 64 groups of about 140 values, a shift of 10.0. */
    static final int OMOP_GROUPS = 64;
    static final long OMOP_SHIFT = 100;

    static final TableSchema PATIENTS = new TableSchema("stays", List.of("stay_id"), false, List.of(
            new ColumnSpec("age", ColumnType.INTEGER, 0, true, 5, List.of()),
            new ColumnSpec("balance", ColumnType.DECIMAL, 2, true, 500, List.of()),
            new ColumnSpec("ward", ColumnType.TEXT, 0, false, 0, List.of())));
    static final TableHeader PATIENTS_HEADER = TableHeader.untyped(List.of("stay_id", "age", "balance", "ward"));

    private LosslessFixtures() {}

    static MarkingKey key(long seed) {
        byte[] secret = new byte[32];
        new SplittableRandom(seed).nextBytes(secret);
        return MarkingKey.fromSecret(secret);
    }

    static BitSet message(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        BitSet bits = new BitSet(length);
        for (int i = 0; i < length; i++) {
            bits.set(i, random.nextBoolean());
        }
        return bits;
    }

    static ValueRange omopRange() {
        return RangeSurvey.of(Tables.reader(OMOP.header(), OMOP.rows()), MEASUREMENT, "value_as_number");
    }

    static LosslessWatermark omopMark(MarkingKey key, RangeEnds ends, int messageLength) {
        return new LosslessWatermark(MEASUREMENT, "value_as_number", key,
                new LosslessParameters(OMOP_GROUPS, OMOP_SHIFT, omopRange(), ends, messageLength));
    }

    /**
     * Hospital stays: ages 0 to 100 in a mixture like an inpatient population (the paper's attribute),
     * balances with cents, negative and positive, and the cells a real export holds: empty and NULL ages,
     * a few not written as plain numbers, every tenth key repeated.
     */
    static List<String[]> stays(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String[]> table = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String id = Integer.toString(i % 10 == 9 ? i - 1 : i);
            table.add(new String[] {id, age(random), balance(random), random.nextBoolean() ? "cardiology" : "surgery"});
        }
        return table;
    }

    private static String age(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < 0.01) {
            return "";
        }
        if (u < 0.015) {
            return null;
        }
        if (u < 0.02) {
            return new String[] {"007", "+5", " 42", "4.", "unknown", "1e2"}[random.nextInt(6)];
        }
        if (u < 0.04) {
            return random.nextBoolean() ? "0" : "100";
        }
        double age = u < 0.2 ? random.nextDouble() * 5 : 20 + Math.abs(random.nextGaussian()) * 45;
        return Long.toString(Math.min(100, Math.round(age)));
    }

    private static String balance(SplittableRandom random) {
        long cents = Math.round(random.nextGaussian() * 20_000);
        String text = new java.math.BigDecimal(cents).movePointLeft(2).toPlainString();
        return random.nextInt(20) == 0 ? text + "7" : text;
    }
}
