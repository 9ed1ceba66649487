package org.cyberhealth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.exfiltration.DeclaredTask;
import org.cyberhealth.assess.exfiltration.ExportGateway;
import org.cyberhealth.assess.exfiltration.LayerwiseFineTuning;
import org.cyberhealth.assess.exfiltration.Sanitiser;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.core.ledger.AuditLog;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth export}: the gateway a data lake runs before a trained model leaves it. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "The export gateway: audit a model before it leaves the data lake (Li, Ayache, Delingette's data stealing attack).",
        subcommands = {ExportCommand.Check.class, ExportCommand.VerifyLog.class},
        footer = {"", "Example:", "  cyberhealth export check --model exported.params --declared-task models/abdomen-unet.json --sanitise bf16 --out cleared.params"})
final class ExportCommand implements Runnable {

    private static final long MAX_MODEL_BYTES = 256L << 20;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'export check'");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Audit an exported model against its declared task, optionally sanitise it, log the verdict.",
                "Structure: only the declared architecture's tensors, with the declared shapes, and nothing after them. A TorchScript",
                "export (.pt) is audited against the reference module the descriptor names: the same tensor names and shapes (float32,",
                "one storage each), the same code and attributes, no extra/ files, no unused storages, no bytes outside the zip entries.",
                "Capacity: low mantissa bits tested against a trained network's statistics (uniform low bytes, Benford's law",
                "for the top bits, no compression), and an upper bound on the images the free mantissa bits could carry.",
                "Sanitisers: bf16 (round to 7 mantissa bits), round:K, int8, noise:S (S x each tensor's deviation), finetune[:EPOCHS]",
                "(Thellier et al. 2025: Adam on the task's training slices, rate 1e-3 on the output layer x 0.8 per layer backwards,",
                "5 epochs by default; the slices are cut from --data by the declared task's reference recipe). Several, comma-separated,",
                "apply in order: finetune,bf16 rounds what fine-tuning cannot reach (weights of channels the task never opens).",
                "The input is never modified; with --out the model that may leave (sanitised if asked) is written atomically,",
                "only on PASS. Every verdict is appended to a hash-chained audit log.",
                "Exit codes: 0 PASS, 1 REFUSE, 2 bad input (missing file, unknown sanitiser, an unreadable archive, existing --out",
                "without --force)."},
            footer = {"", "Example:", "  cyberhealth export check --model models/abdomen-unet.params --declared-task models/abdomen-unet.json",
                "  cyberhealth export check --model exported.params --declared-task spec.json --sanitise bf16 --out cleared.params --json",
                "  cyberhealth export check --model exported.params --declared-task spec.json --max-images 0 --sanitise bf16",
                "  cyberhealth export check --model exported.params --declared-task models/abdomen-unet.json --sanitise finetune,bf16 --out tuned.params",
                "  cyberhealth export check --model exported.pt --declared-task models/torch/abdomen-seg-torch.pt.json --sanitise bf16 --out cleared.pt"})
    static final class Check implements Callable<Integer> {

        @Option(names = "--model", required = true, description = "The export: a DJL parameter file (.params) or a TorchScript module (.pt).")
        Path model;

        @Option(names = "--declared-task", required = true,
                description = "The task the export claims: a segmenter descriptor (cyberhealth-segmenter/1: architecture, input, classes; for a "
                        + ".pt export, \"torchscript\" names the reference module of the honest architecture).")
        Path declaredTask;

        @Option(names = "--sanitise", description = "Sanitise before release: bf16, round:K, int8, noise:S or finetune[:EPOCHS]; "
                + "several, comma-separated, apply in that order (finetune,bf16: fine-tuning cannot move the weights of channels the task never opens).")
        String sanitise;

        @Option(names = "--data", description = "For finetune: the lake's volumes the declared task was trained on (default: the bundled "
                + "samples/segmentation).")
        Path data;

        @Option(names = "--out", description = "Where to write the model that may leave (on PASS only).")
        Path out;

        @Option(names = "--force", description = "Replace an existing --out.")
        boolean force;

        @Option(names = "--audit-log", defaultValue = "export-audit.jsonl", description = "The hash-chained audit log (default: ${DEFAULT-VALUE}).")
        Path auditLog;

        @Option(names = "--max-images", description = "REFUSE when more images than this could leak (default: no limit, bound reported).")
        Double maxImages;

        @Option(names = "--bits-per-image", defaultValue = "3072",
                description = "The attack's rate that the bound divides by (default: ${DEFAULT-VALUE}: a 64 x 64 slice's codes at 3 bits a "
                        + "symbol; our entropy-coded attack needs about 2,850, a stronger one fewer: set your own).")
        double bitsPerImage;

        @Option(names = "--needed-mantissa-bits", defaultValue = "7",
                description = "Mantissa bits the task needs; the rest count as free capacity (default: ${DEFAULT-VALUE}, bfloat16).")
        int neededBits;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (bitsPerImage <= 0 || neededBits < 0 || neededBits > 23 || (maxImages != null && maxImages < 0)) {
                throw new BadInputException("--bits-per-image > 0, --needed-mantissa-bits 0 to 23, --max-images >= 0");
            }
            if (out != null && !force && Files.exists(out)) {
                throw new BadInputException("output " + out + " already exists (use --force to replace it)");
            }
            DeclaredTask task = DeclaredTask.read(declaredTask);
            boolean torchScript = model.getFileName().toString().endsWith(".pt");
            if (torchScript != (task.torchScript() != null)) {
                throw new BadInputException(torchScript ? "a TorchScript export needs a declared task that names a reference module (\"torchscript\")"
                        : task.name() + " declares a TorchScript module: the export must be a .pt file");
            }
            List<String> steps = sanitise == null ? List.of() : List.of(sanitise.split(",", -1));
            if (torchScript && steps.stream().anyMatch(step -> step.startsWith("finetune"))) {
                throw new BadInputException("finetune trains the project's small-unet; a TorchScript export takes bf16, round:K, int8 or noise:S");
            }
            Sanitiser sanitiser = steps.isEmpty() ? null : sanitiser(steps, task);
            byte[] export = read(model);
            ExportGateway.Policy policy = new ExportGateway.Policy(neededBits, bitsPerImage, maxImages == null ? Double.POSITIVE_INFINITY : maxImages);
            ExportGateway.Verdict v;
            try {
                v = torchScript ? ExportGateway.checkTorchScript(export, task, policy, sanitiser) : ExportGateway.check(export, task, policy, sanitiser);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            String entry = ExportGateway.log(new AuditLog(auditLog), v, model.toString(), task, Instant.now());
            if (v.pass() && out != null) {
                AtomicOutput.write(out, force, v.output());
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("verdict", v.word());
            json.put("reasons", v.reasons());
            json.put("model", model.toString());
            json.put("sha256", v.inputSha256());
            json.put("declaredTask", task.name());
            List<String> lines = new ArrayList<>();
            lines.add(v.word() + "  " + model + " against " + task.name() + " (" + task.architecture() + ")");
            v.reasons().forEach(r -> lines.add("  - " + r));
            if (v.capacity() != null) {
                json.put("weights", v.capacity().weights());
                json.put("capacityBits", v.capacity().capacityBits());
                json.put("boundImages", v.capacity().boundImages());
                json.put("lowBytesDeflateRatio", v.capacity().lowBytesDeflateRatio());
                long elsewhere = v.capacity().capacityBits() - v.capacity().weights() * v.capacity().freeBitsPerWeight();
                lines.add(String.format(Locale.ROOT, "capacity: %d weights x %d free mantissa bits%s -> at most %d bits, %.0f images at %.0f bits each",
                        v.capacity().weights(), v.capacity().freeBitsPerWeight(),
                        elsewhere > 0 ? " + " + elsewhere + " bits outside the weights (appended data, debug information)" : "",
                        v.capacity().capacityBits(), v.capacity().boundImages(), bitsPerImage));
            }
            if (v.afterSanitising() != null) {
                json.put("sanitiser", v.sanitiser());
                json.put("boundImagesAfter", v.afterSanitising().boundImages());
                lines.add(String.format(Locale.ROOT, "after %s: at most %d bits, %.0f images", v.sanitiser(), v.afterSanitising().capacityBits(),
                        v.afterSanitising().boundImages()));
            }
            json.put("output", v.pass() && out != null ? out.toString() : null);
            json.put("auditLog", auditLog.toString());
            json.put("auditEntry", entry);
            if (v.pass() && out != null) {
                lines.add("wrote " + out);
            }
            lines.add("logged in " + auditLog + " (entry " + entry.substring(0, 16) + "...)");
            output.print(json, lines.toArray(String[]::new));
            return v.pass() ? 0 : 1;
        }

        /** The sanitiser of --sanitise: one, or several applied in the order given. */
        private Sanitiser sanitiser(List<String> steps, DeclaredTask task) {
            try {
                List<Sanitiser> parsed = new ArrayList<>();
                for (String step : steps) {
                    parsed.add(step.startsWith("finetune") ? fineTuning(step, task) : Sanitiser.parse(step));
                }
                return parsed.size() == 1 ? parsed.get(0) : new Sanitiser.Chain(parsed);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }

        /**
         * finetune[:EPOCHS] on the declared task's training slices, cut from --data by the task's reference recipe; the
         * spec is checked before the volumes are read.
         */
        private LayerwiseFineTuning fineTuning(String step, DeclaredTask task) {
            Integer epochs = null;
            if (!step.equals("finetune")) {
                if (!step.startsWith("finetune:")) {
                    throw new BadInputException("unknown sanitiser '" + step + "' (finetune or finetune:EPOCHS)");
                }
                try {
                    epochs = Integer.parseInt(step.substring("finetune:".length()));
                } catch (NumberFormatException e) {
                    throw new BadInputException("finetune:EPOCHS needs a whole number of epochs, not '" + step + "'");
                }
            }
            ReferenceSegmenter reference = ReferenceSegmenter.find(task.name());
            if (reference == null) {
                throw new BadInputException("finetune needs the task's training slices, and no data recipe is known for '" + task.name()
                        + "' (known: abdomen-unet)");
            }
            LayerwiseFineTuning standard = LayerwiseFineTuning.standard(task, reference.data(data != null ? data
                    : ProjectHome.path().resolve("samples").resolve("segmentation")).train());
            return epochs == null ? standard : new LayerwiseFineTuning(task, standard.train(), standard.learningRate(), standard.decay(),
                    epochs, standard.batchSize(), standard.seed());
        }

        private static byte[] read(Path file) {
            try {
                if (Files.size(file) > MAX_MODEL_BYTES) {
                    throw new BadInputException(file + " is larger than " + (MAX_MODEL_BYTES >> 20) + " MiB");
                }
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException("no such file: " + file);
            } catch (IOException e) {
                throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "verify-log", mixinStandardHelpOptions = true,
            description = {"Recompute the audit log's hash chain. Exit codes: 0 intact, 1 broken (the first bad line is named), 2 bad input."},
            footer = {"", "Example:", "  cyberhealth export verify-log --audit-log export-audit.jsonl"})
    static final class VerifyLog implements Callable<Integer> {

        @Option(names = "--audit-log", defaultValue = "export-audit.jsonl", description = "The audit log (default: ${DEFAULT-VALUE}).")
        Path auditLog;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            AuditLog.Verification v = new AuditLog(auditLog).verify();
            output.print(JsonOutput.object("auditLog", auditLog.toString(), "intact", v.intact(), "entries", v.entries(),
                    "firstBadLine", v.firstBadLine(), "problem", v.problem(), "lastHash", v.lastHash()),
                    v.intact() ? "intact: " + v.entries() + " entries, last hash " + v.lastHash()
                            : "BROKEN at line " + v.firstBadLine() + ": " + v.problem());
            return v.intact() ? 0 : 1;
        }
    }
}
