package org.cyberhealth.ml.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.cyberhealth.core.BadInputException;

/**
 * The two tables that scikit-learn ships (and Debian's python3-sklearn packages): the Wisconsin
 * diagnostic breast-cancer table (569 tumours, 30 features, malignant or benign) and the diabetes table
 * of Efron et al. 2004 (442 patients, 10 baseline variables, disease progression after one year).
 */
public final class SklearnTables {

    /** At most this many lines are read from either file: both tables are small. */
    private static final int MAX_LINES = 100_000;
    private static final List<String> DIABETES_FEATURES = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    private SklearnTables() {}

    /** {@code breast_cancer.csv}: a first line "samples,features,class 0,class 1", then one row per tumour with its class last. */
    public static Dataset breastCancer(Path csv) {
        List<String> lines = lines(csv, false);
        if (lines.isEmpty()) {
            throw new BadInputException(csv + " is empty");
        }
        String[] head = lines.get(0).split(",");
        if (head.length < 4) {
            throw new BadInputException(csv + ": the first line must be 'samples,features,class names...'");
        }
        int samples = integer(head[0], csv);
        int width = integer(head[1], csv);
        List<String> classes = List.of(head).subList(2, head.length);
        if (lines.size() - 1 != samples) {
            throw new BadInputException(csv + " declares " + samples + " samples but holds " + (lines.size() - 1));
        }
        double[][] x = new double[samples][];
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            double[] row = numbers(lines.get(i + 1).split(","), width + 1, csv, i + 2);
            x[i] = java.util.Arrays.copyOf(row, width);
            y[i] = row[width];
            if (y[i] != Math.rint(y[i]) || y[i] < 0 || y[i] >= classes.size()) {
                throw new BadInputException(csv + ", line " + (i + 2) + ": the class must be 0 to " + (classes.size() - 1));
            }
        }
        return new Dataset("breast-cancer", x, y, new int[] {1, width}, classes);
    }

    /** {@code diabetes_data_raw.csv.gz} (space-separated, 10 columns) and {@code diabetes_target.csv.gz}. */
    public static Dataset diabetes(Path features, Path target) {
        List<String> rows = lines(features, true);
        List<String> targets = lines(target, true);
        if (rows.size() != targets.size() || rows.isEmpty()) {
            throw new BadInputException(features + " and " + target + " must hold the same, non-zero number of lines");
        }
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = numbers(rows.get(i).trim().split("\\s+"), DIABETES_FEATURES.size(), features, i + 1);
            y[i] = numbers(targets.get(i).trim().split("\\s+"), 1, target, i + 1)[0];
        }
        return new Dataset("diabetes", x, y, new int[] {1, DIABETES_FEATURES.size()}, List.of());
    }

    public static List<String> diabetesFeatureNames() {
        return DIABETES_FEATURES;
    }

    private static List<String> lines(Path file, boolean gzip) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = gzip ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
                if (lines.size() > MAX_LINES) {
                    throw new BadInputException(file + " has more than " + MAX_LINES + " lines");
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double[] numbers(String[] fields, int count, Path file, int line) {
        if (fields.length != count) {
            throw new BadInputException(file + ", line " + line + ": expected " + count + " values, found " + fields.length);
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                values[i] = Double.parseDouble(fields[i]);
            } catch (NumberFormatException e) {
                throw new BadInputException(file + ", line " + line + ": '" + fields[i] + "' is not a number");
            }
            if (!Double.isFinite(values[i])) {
                throw new BadInputException(file + ", line " + line + ": '" + fields[i] + "' is not finite");
            }
        }
        return values;
    }

    private static int integer(String text, Path file) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(file + ": '" + text + "' is not a count");
        }
    }
}
