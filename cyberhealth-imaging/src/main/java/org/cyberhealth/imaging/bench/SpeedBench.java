package org.cyberhealth.imaging.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.watermark.CryptoWatermark;
import org.cyberhealth.imaging.watermark.TraceabilityRecord;
import org.cyberhealth.imaging.watermark.Verdict;
import org.cyberhealth.imaging.watermark.Verification;
import org.cyberhealth.imaging.watermark.robust.LeakRehearsal;

/**
 * Speed of the whole crypto-watermark (robust mark, seal, tags, reversible embedding) per core: every
 * operation runs in a one-thread pool, so that the parallel block loops use a single core, and the
 * result is megabytes of pixel data (bytes as stored: 1 per 8-bit sample, 2 otherwise) per second.
 */
public final class SpeedBench {

    /** One measured operation on one image. */
    public record Row(String image, String size, String operation, double milliseconds, double megabytesPerSecond) {}

    /**
     * Before any timing, every operation on every image in turn for this long: the JIT compiles a mark's
     * hot loops over seconds, not a few runs (a CT slice's mark, timed alone in one JVM, goes from 12 ms
     * in its first second to a steady 8.8 ms after about four), and cycling through all images compiles
     * them for the mix a batch of studies brings, not for one image.
     */
    private static final long WARM_UP_NANOS = 30_000_000_000L;
    /** Runs of one operation before it is timed in a round, so that it runs in its own compiled code again. */
    private static final int WARM_UP_RUNS = 10;
    /** Timed runs of one operation go on at least this long (and at least {@link #MIN_RUNS} times) per round. */
    private static final long MIN_NANOS = 250_000_000L;
    private static final int MIN_RUNS = 5;
    /** Every operation is timed in this many rounds over all images, so that a busy moment spoils one round only. */
    private static final int ROUNDS = 3;

    private SpeedBench() {}

    /**
     * Times {@code watermark}'s mark, verify and verify + restore on every image, and {@code strong}'s mark
     * (the robust mark rehearsed against leaks, {@code image mark --strong-robust}) on those wider than 8
     * bits, the only ones it rehearses.
     */
    public static List<Row> run(Map<String, Raster> images, CryptoWatermark watermark, CryptoWatermark strong) {
        IssuerKey key = IssuerKey.generate("benchmark");
        TraceabilityRecord record = new TraceabilityRecord("benchmark", "lab-42", "bench", Instant.EPOCH, "speed");
        ForkJoinPool oneCore = new ForkJoinPool(1);
        try {
            Map<String, Raster> marked = new LinkedHashMap<>();
            images.forEach((name, original) -> {
                Raster copy = original.copy();
                watermark.mark(copy, ImageIdentity.NONE, record, key, null);
                marked.put(name, copy);
            });
            warmUp(oneCore, images, marked, watermark, key, record);
            Map<String, double[]> fastest = new LinkedHashMap<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, Raster> e : images.entrySet()) {
                    double[] times = fastest.computeIfAbsent(e.getKey(), k -> new double[] {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE});
                    Raster original = e.getValue();
                    Raster sealed = marked.get(e.getKey());
                    // a mark changes its raster: each run marks a fresh copy of the original, made before the clock starts
                    times[0] = Math.min(times[0], time(oneCore, original::copy, copy -> watermark.mark(copy, ImageIdentity.NONE, record, key, null)));
                    times[1] = Math.min(times[1], time(oneCore, () -> sealed,
                            s -> check(CryptoWatermark.verify(s, ImageIdentity.NONE, key.verificationKey(), null))));
                    times[2] = Math.min(times[2], time(oneCore, () -> sealed,
                            s -> check(CryptoWatermark.verify(s, ImageIdentity.NONE, key.verificationKey(), key)).restored()));
                    if (LeakRehearsal.rehearses(original)) {
                        times[3] = Math.min(times[3], time(oneCore, original::copy, copy -> strong.mark(copy, ImageIdentity.NONE, record, key, null)));
                    }
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Map.Entry<String, Raster> e : images.entrySet()) {
                Raster original = e.getValue();
                double bytes = original.size() * (original.peak() <= 255 ? 1.0 : 2.0);
                String size = original.width() + "x" + original.height();
                double[] times = fastest.get(e.getKey());
                rows.add(new Row(e.getKey(), size, "mark", times[0], bytes / 1e3 / times[0]));
                rows.add(new Row(e.getKey(), size, "verify (public key)", times[1], bytes / 1e3 / times[1]));
                rows.add(new Row(e.getKey(), size, "verify + restore (issuer key)", times[2], bytes / 1e3 / times[2]));
                if (LeakRehearsal.rehearses(original)) {
                    rows.add(new Row(e.getKey(), size, "mark, --strong-robust", times[3], bytes / 1e3 / times[3]));
                }
            }
            return rows;
        } finally {
            oneCore.shutdown();
        }
    }

    public static String toMarkdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| image | size | operation | ms per image | MB/s per core |\n|---|---|---|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format("| %s | %s | %s | %.1f | %.1f |%n", r.image(), r.size(), r.operation(), r.milliseconds(), r.megabytesPerSecond()));
        }
        return sb.toString();
    }

    private static Verification check(Verification v) {
        if (v.verdict() != Verdict.AUTHENTIC) {
            throw new IllegalStateException("benchmark image did not verify: " + v.detail());
        }
        return v;
    }

    /** Marks, verifies and restores every image in turn, on the one-thread pool, for {@link #WARM_UP_NANOS}. */
    private static void warmUp(ForkJoinPool pool, Map<String, Raster> images, Map<String, Raster> marked, CryptoWatermark watermark,
            IssuerKey key, TraceabilityRecord record) {
        run(pool, () -> {
            long started = System.nanoTime();
            while (System.nanoTime() - started < WARM_UP_NANOS) {
                images.forEach((name, original) -> {
                    watermark.mark(original.copy(), ImageIdentity.NONE, record, key, null);
                    check(CryptoWatermark.verify(marked.get(name), ImageIdentity.NONE, key.verificationKey(), null));
                    check(CryptoWatermark.verify(marked.get(name), ImageIdentity.NONE, key.verificationKey(), key));
                });
            }
            return null;
        });
    }

    /**
     * Milliseconds of the fastest run of {@code operation} on what {@code input} gives (made before each
     * run's clock starts), after {@link #WARM_UP_RUNS} warm-up runs, over at least {@link #MIN_NANOS} of
     * runs: on a shared machine the fastest run is the one least disturbed by others, and so the one that
     * repeats.
     */
    private static double time(ForkJoinPool pool, Supplier<Raster> input, Consumer<Raster> operation) {
        return run(pool, () -> {
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                operation.accept(input.get());
            }
            long started = System.nanoTime();
            long fastest = Long.MAX_VALUE;
            int runs = 0;
            while (runs < MIN_RUNS || System.nanoTime() - started < MIN_NANOS) {
                Raster raster = input.get();
                long start = System.nanoTime();
                operation.accept(raster);
                fastest = Math.min(fastest, System.nanoTime() - start);
                runs++;
            }
            return fastest / 1e6;
        });
    }

    private static <T> T run(ForkJoinPool pool, Callable<T> work) {
        try {
            return pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
