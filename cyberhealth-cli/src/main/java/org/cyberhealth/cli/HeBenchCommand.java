package org.cyberhealth.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.BenchmarkDocument;
import org.cyberhealth.he.bench.CkksOperationsBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth bench he}: homomorphic encryption benchmarks; section {@code ops} times each CKKS operation against SEAL. */
@Command(name = "he", mixinStandardHelpOptions = true,
        description = {"Homomorphic encryption: the time of each CKKS operation (encode, encrypt, decrypt, add, multiply,",
            "relinearise, rescale, rotate) at N = 8192 and 16384 with the largest 128-bit modulus, one thread, measured",
            "with JMH (one forked JVM per operation, about 4 minutes), beside Microsoft SEAL 4.4's figures."},
        footer = {"", "Example:", "  cyberhealth bench he", "  cyberhealth bench he --sections ops --out docs/BENCHMARKS.md"})
final class HeBenchCommand implements Callable<Integer> {

    private static final Set<String> SECTIONS = Set.of("ops");

    @Option(names = "--out", description = "The Markdown file to update (default: docs/BENCHMARKS.md of the project).")
    Path out;

    @Option(names = "--quick", description = "N = 8192 only, one short iteration, not forked: a smoke test, not a measurement.")
    boolean quick;

    @Option(names = "--sections", split = ",", defaultValue = "ops", description = "Which sections to run and rewrite (default: ${DEFAULT-VALUE}).")
    Set<String> sections;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        Path target = out != null ? out : Path.of(System.getenv().getOrDefault("CYBERHEALTH_HOME", ".")).resolve("docs/BENCHMARKS.md");
        if (!SECTIONS.containsAll(sections)) {
            throw new BadInputException("--sections takes " + new TreeSet<>(SECTIONS) + ", got " + sections);
        }
        String command = "cyberhealth bench he" + (quick ? " --quick" : "") + " --sections " + String.join(",", new TreeSet<>(sections));
        int rows = ops(target, command);
        output.print(JsonOutput.object("benchmark", "he", "output", target.toString(), "sections", new TreeSet<>(sections), "opsRows", rows),
                "wrote the homomorphic encryption benchmark tables into " + target);
        return 0;
    }

    /** Writes the per-operation section; returns its number of rows. */
    private int ops(Path target, String command) {
        // JMH reports its progress on a stream; in JSON mode nothing but the result goes out.
        PrintStream log = output.json() ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        List<CkksOperationsBench.Row> rows = CkksOperationsBench.run(quick, log);
        BenchmarkDocument.writeSection(target, "he-ops", "Homomorphic encryption: CKKS operations against SEAL", command,
                OPS_NOTE + "\n\n" + CkksOperationsBench.markdown(rows));
        return rows.size();
    }

    private static final String OPS_NOTE = """
            Time of one operation on a ciphertext at the top of the chain, one thread, measured by JMH 1.37 \
            (one forked JVM per operation and degree, 3 warm-up iterations of one second, 20 measured ones of a \
            quarter of a second): JMH's mean with its 99.9% confidence half-width, and the fastest measured iteration. On a machine \
            shared with other jobs (ours: a 2-core VM) the mean measures their load too; the fastest iteration, the one \
            they disturbed least, is what the last column compares with SEAL. The modulus is SEAL's default largest \
            128-bit one, so both libraries do the same work: at N = 8192 primes of 43, 43, 44 and 44 bits and a 44-bit \
            special prime (log2 QP = 218), at N = 16384 three primes of 48 bits, five of 49 and a 49-bit special prime \
            (438); scale 2^40; rotation by one slot; rescale of a relinearised product; encryption with the public key. \
            SEAL 4.4's figures (HEXL off, one thread, a machine like ours) are the reference figures of issue 4, which \
            gives none for decrypt and add, nor for most operations at N = 16384.""";
}
