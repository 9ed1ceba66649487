package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.report.BenchmarkDocument;
import org.cyberhealth.he.nn.HeModelFile;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.train.UseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth bench he}: homomorphic encryption benchmarks, written into docs/BENCHMARKS.md. */
@Command(name = "he", mixinStandardHelpOptions = true,
        description = {"Benchmark encrypted inference on the three use cases (breast cancer, diabetes, pneumonia): plain vs CKKS vs MORE",
            "scores, output differences, latency, throughput, bytes on the wire, and the attacks on MORE; the table goes into",
            "docs/BENCHMARKS.md."},
        footer = {"", "Example:", "  cyberhealth bench he --sections usecases", "  cyberhealth bench he --sections usecases --use-cases breast-cancer --out /tmp/b.md"})
final class HeBenchCommand implements Callable<Integer> {

    private static final String USE_CASE_NOTE = """
            Models: `models/*.he.json`, trained by `cyberhealth ml train` (recipes in `UseCase`, data in `samples/ml`).
            Plain = the model in double arithmetic; CKKS = client and server over HTTP on loopback (`he serve` / `he predict`),
            parameters the smallest ring holding exactly the model's depth (quadratic activations folded to one level each);
            MORE float = Vizitiu et al.'s floating-point MORE, MORE Z_N = Kipnis-Hibshoosh over a 1024-bit RSA modulus with
            24-bit fixed point (first samples only: BigInteger arithmetic). Latency: one sample, after a warm-up request (the
            first request encodes the weights on the server). Throughput of this side-by-side packing: up to 16 full ciphertexts.
            The CKKS score in the first table is over the whole test part, packed one sample per slot (last table). The attacks
            run on the benchmark's own MORE ciphertexts of the inputs: one known pair decrypts every value; the eigenvectors
            give every value from ciphertexts alone once one bit (which eigenvector holds the message) is guessed.
            The last table packs one sample per slot (one ciphertext per feature, CryptoNets' batching): no rotations and no
            Galois keys, the whole test part in one batch; server time in this process, sizes as serialised.
            MORE is not encryption that protects anything: never use it for patient data.""";

    static final String MORE_WARNING = "warning: this benchmark runs MORE, which is NOT secure: one known plaintext (or, for the floating-point"
            + " variant, the ciphertexts alone) reveals every value; it is measured as a baseline only, never use it for patient data";

    @Option(names = "--sections", split = ",", defaultValue = "usecases", description = "Which sections to run (default: ${DEFAULT-VALUE}).")
    Set<String> sections;

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
        Set<String> known = Set.of("usecases");
        if (!known.containsAll(sections)) {
            throw new BadInputException("--sections takes " + new TreeSet<>(known) + ", got " + sections);
        }
        String home = System.getenv().getOrDefault("CYBERHEALTH_HOME", ".");
        Path target = out != null ? out : Path.of(home).resolve("docs/BENCHMARKS.md");
        Path modelFolder = models != null ? models : Path.of(home).resolve("models");
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
        output.print(JsonOutput.object("benchmark", "he", "output", target.toString(), "rows", rows),
                HeUseCaseBench.toMarkdown(rows), "wrote " + target);
        return 0;
    }
}
