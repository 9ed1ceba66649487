package org.cyberhealth.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.BenchmarkDocument;
import org.cyberhealth.he.bench.CkksOperationsBench;
import org.cyberhealth.he.bench.PolynomialBench;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.train.UseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth bench he}: homomorphic encryption benchmarks, written into docs/BENCHMARKS.md. */
@Command(name = "he", mixinStandardHelpOptions = true,
        description = {"Homomorphic encryption benchmarks, written into docs/BENCHMARKS.md. Section ops: the time of each CKKS",
            "operation (encode, encrypt, decrypt, add, multiply, relinearise, rescale, rotate) at N = 8192 and 16384 with the",
            "largest 128-bit modulus, one thread, JMH (one forked JVM per operation, about 4 minutes), beside Microsoft SEAL 4.4.",
            "Section usecases: the three trained models (breast cancer, diabetes, pneumonia): plain vs CKKS vs MORE scores,",
            "output differences, latency, throughput, bytes on the wire, and the attacks on MORE (about 6 minutes)."},
        footer = {"", "Example:", "  cyberhealth bench he", "  cyberhealth bench he --sections ops --quick --out /tmp/b.md",
            "  cyberhealth bench he --sections usecases --use-cases breast-cancer"})
final class HeBenchCommand implements Callable<Integer> {

    private static final String USE_CASE_NOTE = """
            Models: `models/*.he.json`, trained by `cyberhealth ml train` (recipes in `UseCase`, data in `samples/ml`).
            Plain = the model in double arithmetic; CKKS = client and server over HTTP on loopback (`he serve` / `he predict`),
            parameters the smallest ring holding exactly the model's depth (quadratic activations folded to one level each);
            MORE float = Vizitiu et al.'s floating-point MORE, MORE Z_N = Kipnis-Hibshoosh over a 1024-bit RSA modulus with
            24-bit fixed point (first samples only: BigInteger arithmetic). Latency: one sample, after a warm-up request (the
            first request encodes the weights on the server). Throughput of this side-by-side packing: up to 16 full ciphertexts.
            The client encrypts under its secret key and sends c_0 and the seed of c_1 (half a public-key ciphertext).
            The CKKS score in the first table is over the whole test part, packed one sample per slot (last table). The attacks
            run on the benchmark's own MORE ciphertexts of the inputs: one known pair decrypts every value; the eigenvectors
            give every value from ciphertexts alone once one bit (which eigenvector holds the message) is guessed.
            The last table packs one sample per slot (one ciphertext per feature, CryptoNets' batching): no rotations and no
            Galois keys, the whole test part in one batch; server time in this process, sizes as serialised.
            MORE is not encryption that protects anything: never use it for patient data.""";

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

    private static final String POLYNOMIAL_NOTE = """
            One polynomial of each degree on one ciphertext (N = 16384, 7 levels of 40 bits, scale 2^40), random coefficients
            in [-1, 1], slots uniform in [-1, 1], both methods on the same input: ciphertext-ciphertext products (Paterson and
            Stockmeyer's headline: about 2 sqrt(d) + log2 d instead of the tree's d - 1), levels consumed, milliseconds
            (fastest of 5 alternated runs, one thread, shared 2-core VM) and the largest error against the plain polynomial.
            `PolynomialEvaluator.evaluate` uses the tree below degree 8 and Paterson-Stockmeyer from 8 on.""";

    static final String MORE_WARNING = "warning: this benchmark runs MORE, which is NOT secure: one known plaintext (or, for the floating-point"
            + " variant, the ciphertexts alone) reveals every value; it is measured as a baseline only, never use it for patient data";

    @Option(names = "--sections", split = ",", defaultValue = "ops,usecases,polynomials", description = "Which sections to run (default: ${DEFAULT-VALUE}).")
    Set<String> sections;

    @Option(names = "--quick", description = "ops: N = 8192 only, one short iteration, not forked: a smoke test, not a measurement.")
    boolean quick;

    @Option(names = "--use-cases", split = ",", description = "Only these use cases (default: all).")
    List<String> useCases;

    @Option(names = "--data", description = "Folder laid out as ../shared/data (default: the bundled samples/ml).")
    Path data;

    @Option(names = "--models", description = "Folder of the trained models (default: models/ in the repository).")
    Path models;

    @Option(names = "--out", description = "Markdown file to update (default: docs/BENCHMARKS.md).")
    Path out;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        Set<String> known = Set.of("ops", "usecases", "polynomials");
        if (!known.containsAll(sections)) {
            throw new BadInputException("--sections takes " + new TreeSet<>(known) + ", got " + sections);
        }
        Path target = out != null ? out : ProjectHome.benchmarks();
        int opsRows = sections.contains("ops") ? ops(target) : 0;
        int useCaseRows = sections.contains("usecases") ? useCases(target) : 0;
        int polynomialRows = sections.contains("polynomials") ? polynomials(target) : 0;
        output.print(JsonOutput.object("benchmark", "he", "output", target.toString(), "sections", new TreeSet<>(sections), "opsRows", opsRows,
                "useCaseRows", useCaseRows, "polynomialRows", polynomialRows), "wrote the homomorphic encryption benchmark tables into " + target);
        return 0;
    }

    /** Writes the per-operation section; returns its number of rows. */
    private int ops(Path target) {
        // JMH reports its progress on a stream; in JSON mode nothing but the result goes out.
        PrintStream log = output.json() ? new PrintStream(OutputStream.nullOutputStream()) : System.err;
        List<CkksOperationsBench.Row> rows = CkksOperationsBench.run(quick, log);
        BenchmarkDocument.writeSection(target, "he-ops", "Homomorphic encryption: CKKS operations against SEAL",
                "cyberhealth bench he" + (quick ? " --quick" : "") + " --sections ops", OPS_NOTE + "\n\n" + CkksOperationsBench.markdown(rows));
        return rows.size();
    }

    /** Writes the polynomial-evaluation section; returns its number of rows. */
    private int polynomials(Path target) {
        if (!output.json()) {
            output.err().println("bench he: polynomials...");
            output.err().flush();
        }
        List<PolynomialBench.Row> rows = PolynomialBench.run(new int[] {4, 7, 8, 15, 16, 27, 31, 63}, quick ? 1 : 5);
        BenchmarkDocument.writeSection(target, "he-polynomials", "Homomorphic encryption: polynomial evaluation (product tree and Paterson-Stockmeyer)",
                "cyberhealth bench he" + (quick ? " --quick" : "") + " --sections polynomials", POLYNOMIAL_NOTE + "\n\n" + PolynomialBench.markdown(rows));
        return rows.size();
    }

    /** Writes the use-case section; returns its number of rows. */
    private int useCases(Path target) throws Exception {
        Path modelFolder = models != null ? models : ProjectHome.path().resolve("models");
        Path dataFolder = data != null ? data : MlCommand.bundledData();
        List<UseCase> chosen = new ArrayList<>();
        for (String id : useCases == null ? List.of("breast-cancer", "diabetes", "pneumonia") : useCases) {
            try {
                chosen.add(UseCase.byId(id));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        // Printed even with --json (on stderr): whoever runs MORE must be told, every time, that it protects nothing.
        output.err().println(MORE_WARNING);
        output.err().flush();
        List<HeUseCaseBench.Row> rows = new ArrayList<>();
        for (UseCase useCase : chosen) {
            Path file = HeUseCaseBench.modelFile(modelFolder, useCase);
            if (!Files.exists(file)) {
                throw new BadInputException("no model " + file + " (train it: cyberhealth ml train --use-case " + useCase.id() + " --out " + file + ")");
            }
            if (!output.json()) {
                output.err().println("bench he: " + useCase.id() + "...");
                output.err().flush();
            }
            Dataset test = useCase.data(dataFolder).test();
            rows.add(HeUseCaseBench.run(useCase, HeModelFile.read(file), test));
        }
        String command = "cyberhealth bench he --sections usecases" + (useCases == null ? "" : " --use-cases " + String.join(",", useCases));
        BenchmarkDocument.writeSection(target, "he-usecases", "Encrypted inference: the three use cases (plain, CKKS, MORE)", command,
                USE_CASE_NOTE + "\n\n" + HeUseCaseBench.toMarkdown(rows));
        return rows.size();
    }
}
