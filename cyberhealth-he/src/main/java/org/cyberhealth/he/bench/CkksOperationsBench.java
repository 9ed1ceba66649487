package org.cyberhealth.he.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the {@link CkksOperations} micro-benchmarks with JMH, one thread, and sets each mean time beside
 * Microsoft SEAL 4.4's on a machine like ours (HEXL off, one thread; the figures of issue 4). A full run
 * forks one JVM per benchmark (JMH starts it with this JVM's class path and options, plus the incubating
 * Vector API module, so run from the project's jar or a complete class path) and takes 3 warm-up iterations of one second and 20 measured
 * ones of a quarter of a second (many short ones: more chances of a quiet moment); a quick run stays in this JVM with one short iteration at N = 8192 only, as a
 * smoke test. Besides JMH's mean, each row keeps the fastest measured iteration: on a machine shared with
 * other jobs the mean measures the load as much as the code, and the fastest iteration is the one the
 * others disturbed least, so the comparison with SEAL uses it (both are reported).
 */
public final class CkksOperationsBench {

    /** The order of the table: the issue's list of operations. */
    public static final List<String> OPERATIONS = List.of("encode", "encrypt", "decrypt", "add", "multiply", "relinearise", "rescale", "rotate");

    /** SEAL 4.4 (HEXL off, one thread), microseconds, keyed by operation and degree: the issue's reference figures. */
    private static final Map<String, Double> SEAL = Map.of(
            "multiply@8192", 352.0, "relinearise@8192", 3249.0, "rescale@8192", 739.0, "rotate@8192", 3185.0,
            "encode@8192", 712.0, "encrypt@8192", 3537.0, "relinearise@16384", 21480.0, "rotate@16384", 21513.0);

    /**
     * One operation at one degree: JMH's mean time and 99.9% error, the fastest measured iteration, and SEAL's
     * figure where the issue gives one.
     */
    public record Row(String operation, int ringDegree, double micros, double error, double bestMicros, Double sealMicros) {

        /** Our fastest iteration over SEAL's time (below 1: faster), or NaN without a SEAL figure. */
        public double ratio() {
            return sealMicros == null ? Double.NaN : bestMicros / sealMicros;
        }
    }

    private CkksOperationsBench() {}

    /** Runs every operation at N = 8192 and 16384 (quick: N = 8192, short, not forked), JMH's progress to {@code log}. */
    public static List<Row> run(boolean quick, PrintStream log) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CkksOperations.class.getName() + "\\.")
                .threads(1)
                .shouldFailOnError(true);
        if (quick) {
            // JMH's host lock keeps two measurements from disturbing each other; a smoke test measures nothing,
            // so it may run beside another JMH run (a benchmark in progress on the same machine).
            System.setProperty("jmh.ignoreLock", "true");
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200)).param("ringDegree", "8192");
        } else {
            // The forked JVMs get the Vector API, which the NTT's wide stages use (NttTables), whatever this JVM has.
            options.forks(1).jvmArgsAppend("--add-modules=jdk.incubator.vector").warmupIterations(3).warmupTime(TimeValue.seconds(1)).measurementIterations(20)
                    .measurementTime(TimeValue.milliseconds(250));
        }
        try {
            List<Row> rows = new ArrayList<>();
            for (RunResult result : new Runner(options.build(), OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run()) {
                String label = result.getParams().getBenchmark();
                String operation = label.substring(label.lastIndexOf('.') + 1);
                int degree = Integer.parseInt(result.getParams().getParam("ringDegree"));
                double best = result.getBenchmarkResults().stream().flatMap(b -> b.getIterationResults().stream())
                        .mapToDouble(i -> i.getPrimaryResult().getScore()).min().orElseThrow();
                rows.add(new Row(operation, degree, result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(), best,
                        SEAL.get(operation + "@" + degree)));
            }
            rows.sort(Comparator.comparingInt(Row::ringDegree).thenComparingInt(r -> OPERATIONS.indexOf(r.operation())));
            return rows;
        } catch (RunnerException e) {
            throw new IllegalStateException("the JMH run failed: " + e.getMessage(), e);
        }
    }

    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder(
                "| operation | N | ours, mean (us) | +/- (99.9%) | ours, fastest iteration (us) | SEAL 4.4 (us) | fastest / SEAL |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            // One measured iteration (a quick run) has no confidence interval: JMH gives NaN, the table a blank.
            sb.append(String.format(Locale.ROOT, "| %s | %d | %,.1f | %s | %,.1f | %s | %s |%n", r.operation(), r.ringDegree(), r.micros(),
                    Double.isNaN(r.error()) ? "" : String.format(Locale.ROOT, "%,.1f", r.error()), r.bestMicros(), r.sealMicros() == null ? "" : String.format(Locale.ROOT, "%,.0f", r.sealMicros()),
                    r.sealMicros() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio())));
        }
        return sb.toString();
    }
}
