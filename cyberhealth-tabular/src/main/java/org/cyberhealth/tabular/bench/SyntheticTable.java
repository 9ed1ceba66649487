package org.cyberhealth.tabular.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;

/**
 * A table of any size with the shape of a real one, generated on the fly (constant memory): each row is
 * a random row of the real table (the template) with a fresh key (1, 2, 3, ...) and, in the numeric
 * columns given, the value moved by a small random amount at the column's own precision, so values stay
 * realistic but are not copies. Used for the 100k- and 10M-row benchmarks; seeded, so reproducible.
 */
public final class SyntheticTable implements TableReader {

    private final TableHeader header;
    private final List<String[]> template;
    private final long rows;
    private final int key;
    private final int[] jittered;
    private final SplittableRandom random;
    private long produced;

    /**
     * @param template the real table's rows
     * @param keyColumn the column that gets fresh keys
     * @param jitteredColumns the numeric columns whose values move slightly
     */
    public SyntheticTable(TableHeader header, List<String[]> template, long rows, String keyColumn, List<String> jitteredColumns, long seed) {
        this.header = header;
        this.template = new ArrayList<>(template);
        this.rows = rows;
        this.key = header.indexOf(keyColumn);
        this.jittered = jitteredColumns.stream().mapToInt(header::indexOf).toArray();
        this.random = new SplittableRandom(seed);
    }

    @Override
    public TableHeader header() {
        return header;
    }

    @Override
    public String[] next() {
        if (produced == rows) {
            return null;
        }
        String[] row = template.get(random.nextInt(template.size())).clone();
        row[key] = Long.toString(++produced);
        for (int column : jittered) {
            row[column] = jitter(row[column]);
        }
        return row;
    }

    private String jitter(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        try {
            int point = cell.indexOf('.');
            int digits = point < 0 ? 0 : cell.length() - point - 1;
            double value = Double.parseDouble(cell) * (1 + 0.05 * random.nextGaussian());
            return String.format(Locale.ROOT, "%." + digits + "f", value);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    @Override
    public double progress() {
        return rows == 0 ? 1 : (double) produced / rows;
    }

    @Override
    public void close() {}
}
