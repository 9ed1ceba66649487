import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * In-process A/B timing: each jar (optionally "jar:kind") in its own class loader, one unit of work of each
 * in turn, on one thread, so that the machine's drift hits all alike. Prints the minimum, 10th percentile
 * and median (after the first third, a warm-up) and the hash of the last output, which must match where
 * the outputs should.
 */
public class ABJ {
    public static void main(String[] a) throws Exception {
        if (a.length < 6) {
            System.err.println("usage: ABJ work-classes data image kind block-bits runs jar[:kind]...");
            System.exit(2);
        }
        int runs = Integer.parseInt(a[5]);
        int n = a.length - 6;
        Method[] run = new Method[n];
        Method[] hash = new Method[n];
        long[][] times = new long[n][runs];
        for (int i = 0; i < n; i++) {
            String[] jarAndKind = a[6 + i].split(":");
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(a[0]).toUri().toURL(), Path.of(jarAndKind[0]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> work = loader.loadClass("org.cyberhealth.cli.Work");
            work.getMethod("setup", String.class, String.class, String.class, int.class)
                    .invoke(null, a[1], a[2], jarAndKind.length > 1 ? jarAndKind[1] : a[3], Integer.parseInt(a[4]));
            run[i] = work.getMethod("run");
            hash[i] = work.getMethod("hash");
        }
        ForkJoinPool one = new ForkJoinPool(1);
        one.submit(() -> {
            try {
                for (int r = 0; r < runs; r++) {
                    for (int i = 0; i < n; i++) {
                        times[i][r] = (Long) run[i].invoke(null);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).get();
        one.shutdown();
        for (int i = 0; i < n; i++) {
            long[] t = Arrays.copyOfRange(times[i], runs / 3, runs);
            Arrays.sort(t);
            System.out.printf("%-24s min %8.2f  p10 %8.2f  median %8.2f ms  hash %x%n", a[6 + i], t[0] / 1e6, t[t.length / 10] / 1e6,
                    t[t.length / 2] / 1e6, (Long) hash[i].invoke(null));
        }
    }
}
