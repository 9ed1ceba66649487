package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.core.keys.VerificationKey;
import org.cyberhealth.core.ledger.ExportLedger;
import org.cyberhealth.imaging.ImageDocument;
import org.cyberhealth.imaging.Fidelity;
import org.cyberhealth.imaging.ImageDocuments;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.watermark.CryptoWatermark;
import org.cyberhealth.imaging.watermark.MarkReport;
import org.cyberhealth.imaging.watermark.RecipientTracer;
import org.cyberhealth.imaging.watermark.RegionOfInterest;
import org.cyberhealth.imaging.watermark.RobustMarking;
import org.cyberhealth.imaging.watermark.TamperMap;
import org.cyberhealth.imaging.watermark.TamperedRegion;
import org.cyberhealth.imaging.watermark.TraceabilityRecord;
import org.cyberhealth.imaging.watermark.Verdict;
import org.cyberhealth.imaging.watermark.Verification;
import org.cyberhealth.imaging.watermark.WatermarkSchemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cyberhealth image}: reversible crypto-watermarking of DICOM, PNG and TIFF images. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Mark images for a recipient, verify them, restore the originals, trace leaked copies.",
        subcommands = {ImageCommand.Mark.class, ImageCommand.Verify.class, ImageCommand.Restore.class,
            ImageCommand.Trace.class, ImageCommand.Inspect.class},
        footer = {"", "Example:", "  cyberhealth image mark study/ --key hospital.key --recipient lab-42 --out study-lab42/",
                "  cyberhealth image verify study-lab42/ --key hospital.pub"})
final class ImageCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose one of: mark, verify, restore, trace, inspect");
    }

    /** Runs {@code operation} over the input and prints the outcomes and a summary. */
    static int runBatch(Output output, Path input, Path out, String label, Batch.FileOperation operation) {
        Batch.checkOutputIsNotInput(input, out);
        List<Path> files = Batch.inputs(input, ImageDocuments::isImageFile);
        List<Batch.FileOutcome> outcomes = Batch.run(input, files, out, operation, output.err(), label, !output.json());
        int exit = Batch.exitCode(outcomes);
        List<Object> json = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Batch.FileOutcome o : outcomes) {
            json.add(o.json());
            lines.add(o.line());
        }
        long ok = outcomes.stream().filter(o -> o.exitCode() == 0).count();
        if (outcomes.size() > 1) {
            lines.add(label + ": " + ok + " of " + outcomes.size() + " file(s) ok");
        }
        output.print(JsonOutput.object("command", label, "files", outcomes.size(), "ok", ok, "exitCode", exit, "results", json),
                lines.toArray(String[]::new));
        return exit;
    }

    /**
     * A DICOM object without pixels (a report, a presentation state) in a study: copied unchanged to the
     * output so the recipient gets the whole study, or skipped when there is no output.
     */
    static Batch.FileOutcome withoutPixels(Path file, Path target, boolean force) {
        if (target == null) {
            return new Batch.FileOutcome(file, 0, file + ": skipped (no pixel data)",
                    JsonOutput.object("file", file.toString(), "skipped", "no pixel data"));
        }
        AtomicOutput.write(target, force, out -> Files.copy(file, out));
        return new Batch.FileOutcome(file, 0, file + " -> " + target + ": copied unchanged (no pixel data, not watermarked)",
                JsonOutput.object("file", file.toString(), "output", target.toString(), "copied", true, "skipped", "no pixel data"));
    }

    @Command(name = "mark", mixinStandardHelpOptions = true,
            description = {"Embed a reversible crypto-watermark: an encrypted traceability record (who received this copy),",
                "an Ed25519 seal of the original pixels and identifying attributes, per-block tags that locate",
                "tampering, and a robust mark of the recipient that survives JPEG, noise and windowing.",
                "Works on one file or a folder tree (DICOM, PNG, TIFF); the export is logged in the ledger."},
            footer = {"", "Example:", "  cyberhealth image mark ct.dcm --key hospital.key --recipient lab-42 --purpose \"liver study\" --out ct-lab42.dcm",
                "  cyberhealth image mark study/ --key hospital.key --recipient lab-42 --out study-lab42/ --roi 200,180,64,64",
                "  cyberhealth image mark study/ --key hospital.key --recipient cloud-vendor --strong-robust --out study-vendor/"})
    static final class Mark implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "INPUT", description = "An image file or a folder of images.")
        Path input;

        @Option(names = "--key", required = true, description = "The issuer key file.")
        Path keyFile;

        @Mixin
        ExportOptions export;

        @Option(names = "--out", required = true, description = "Output file, or folder for a folder input.")
        Path out;

        @Option(names = "--scheme", description = "Reversible scheme: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                completionCandidates = SchemeNames.class)
        String scheme = WatermarkSchemes.DEFAULT;

        @Option(names = "--block-size", paramLabel = "N", description = "Side of the tamper-localisation blocks in pixels "
                + "(default: 64, larger if the image needs it; 32 localises finer but changes the image more).")
        int blockSize = CryptoWatermark.AUTOMATIC_BLOCK_SIZE;

        @Option(names = "--no-robust", description = "Do not embed the robust recipient mark (then 'trace' cannot name the recipient).")
        boolean noRobust;

        @Option(names = "--strong-robust", description = {"Rehearse the leak while marking the recipient of a picture wider than 8 bits: "
                + "the marked copy is converted through its widest windows (the whole stored range, the data's span) and JPEG 75 "
                + "and 80, read back, and the bits it weakened are marked again more strongly, so that the recipient survives "
                + "e.g. dcmj2pnm +oj +Jq 75 of a 12-bit CT (0-5 dB more change; 55-125 ms a CT slice instead of 8; "
                + "8-bit pictures are marked as by default)."})
        boolean strongRobust;

        @Option(names = "--roi", paramLabel = "X,Y,W,H", description = "A rectangle (pixels, of every frame) left untouched.")
        String roi;

        @Option(names = "--roi-mask", paramLabel = "MASK.png", description = "A mask image (non-zero = untouched), same size as one frame.")
        Path roiMask;

        @Option(names = "--ledger", description = "Export ledger to append to (default: KEY.ledger.jsonl beside the key).")
        Path ledgerFile;

        @Option(names = "--force", description = "Replace existing output files.")
        boolean force;

        @Mixin
        Output output;

        private RegionOfInterest regionOfInterest() {
            if (roi != null && roiMask != null) {
                throw new BadInputException("give either --roi or --roi-mask, not both");
            }
            return roi != null ? RegionOfInterest.parseRectangle(roi) : roiMask != null ? RegionOfInterest.mask(roiMask) : RegionOfInterest.NONE;
        }

        @Override
        public Integer call() {
            IssuerKey key = KeyFiles.readIssuerKey(keyFile);
            if (noRobust && strongRobust) {
                throw new BadInputException("give either --no-robust or --strong-robust, not both");
            }
            RobustMarking robust = noRobust ? RobustMarking.NONE : strongRobust ? RobustMarking.STRONG : RobustMarking.STANDARD;
            CryptoWatermark watermark = new CryptoWatermark(WatermarkSchemes.byName(scheme), robust, blockSize);
            ExportLedger ledger = ledgerFile == null ? ExportLedger.besideKey(keyFile) : new ExportLedger(ledgerFile);
            String exportId = export.exportIdOrNew();
            String recipient = export.recipient;
            String purpose = export.purpose;
            RegionOfInterest untouched = regionOfInterest();
            return runBatch(output, input, out, "mark", (file, target) -> {
                ImageDocument doc = ImageDocuments.open(file);
                if (!doc.hasPixels()) {
                    return withoutPixels(file, target, force);
                }
                Raster original = doc.raster();
                CryptoWatermark.inspect(original).ifPresent(existing -> {
                    // Marking twice would hide the first recipient under the second: restore first.
                    throw new BadInputException(file + " already carries a watermark (key " + existing.keyId()
                            + "); restore the original with 'image restore' and mark that");
                });
                Raster raster = original.copy();
                Instant now = Instant.now();
                TraceabilityRecord record = new TraceabilityRecord(key.issuer(), recipient, exportId, now, purpose);
                MarkReport report = watermark.mark(raster, doc.identity(), record, key, untouched.samples(raster, doc.planeRows()));
                double psnr = Fidelity.psnr(original, raster);
                doc.write(raster, target, force);
                ledger.append(new ExportLedger.Entry(exportId, recipient, purpose, now, key.keyId(), target.toString()));
                return new Batch.FileOutcome(file, 0,
                        String.format("%s -> %s: marked for %s (%s, %dx%d blocks, %.4f bpp, PSNR %.2f dB)", file, target, recipient,
                                report.scheme(), report.blockSize(), report.blockSize(), report.bitsPerSample(), psnr),
                        JsonOutput.object("file", file.toString(), "output", target.toString(), "recipient", recipient,
                                "exportId", exportId, "scheme", report.scheme(), "blockSize", report.blockSize(),
                                "blocks", report.blocks(), "untouchedBlocks", report.untouchedBlocks(),
                                "payloadBits", report.payloadBits(), "bitsPerSample", report.bitsPerSample(),
                                "robust", report.robust(), "robustStrength", robust.name().toLowerCase(Locale.ROOT), "psnrDb", psnr));
            });
        }
    }

    /** Reads the issuer key when given one, else only the verification key. */
    static final class Keys {
        final VerificationKey verification;
        final IssuerKey issuer;

        Keys(Path file) {
            issuer = KeyFiles.isIssuerKey(file) ? KeyFiles.readIssuerKey(file) : null;
            verification = issuer != null ? issuer.verificationKey() : KeyFiles.readVerificationKey(file);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a marked image: AUTHENTIC (not one pixel or identifying attribute changed), TAMPERED",
                "(with the changed regions; with --tamper-map a PNG of them), NO WATERMARK, or WRONG KEY.",
                "With the issuer key it also decrypts who received the copy; the verification key gives the verdict.",
                "Exit code 0 for AUTHENTIC, 1 otherwise."},
            footer = {"", "Example:", "  cyberhealth image verify ct-lab42.dcm --key hospital.pub",
                "  cyberhealth image verify study-lab42/ --key hospital.key --tamper-map maps/"})
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "INPUT", description = "A marked image file or a folder of them.")
        Path input;

        @Option(names = "--key", required = true, description = "The issuer key file, or a verification (public) key file.")
        Path keyFile;

        @Option(names = "--tamper-map", paramLabel = "PNG|FOLDER", description = "Write a PNG of the tampered regions for each tampered image.")
        Path tamperMap;

        @Option(names = "--force", description = "Replace existing tamper maps.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            Keys keys = new Keys(keyFile);
            return runBatch(output, input, null, "verify", (file, ignored) -> {
                ImageDocument doc = ImageDocuments.open(file);
                if (!doc.hasPixels()) {
                    return withoutPixels(file, null, false);
                }
                Raster raster = doc.raster();
                Verification v = CryptoWatermark.verify(raster, doc.identity(), keys.verification, keys.issuer);
                Path map = null;
                if (v.verdict() == Verdict.TAMPERED && tamperMap != null) {
                    map = Files.isRegularFile(input) ? tamperMap : tamperMap.resolve(input.relativize(file) + ".tamper.png");
                    TamperMap.write(raster, v.tamperedRegions(), map, force);
                }
                return describe(file, doc, v, map);
            });
        }

        private static Batch.FileOutcome describe(Path file, ImageDocument doc, Verification v, Path map) {
            StringBuilder line = new StringBuilder(file + ": " + v.verdict().name().replace('_', ' ') + " - " + v.detail());
            v.record().ifPresent(r -> line.append("; issued to ").append(r.recipient()).append(" by ").append(r.issuer())
                    .append(" on ").append(r.issuedAt()).append(r.purpose().isEmpty() ? "" : " for \"" + r.purpose() + "\"")
                    .append(" (export ").append(r.exportId()).append(')'));
            List<Object> regions = new ArrayList<>();
            for (TamperedRegion r : v.tamperedRegions()) {
                int plane = r.y() / doc.planeRows();
                regions.add(JsonOutput.object("plane", plane, "x", r.x(), "y", r.y() - plane * doc.planeRows(),
                        "width", r.width(), "height", r.height()));
                if (regions.size() <= 8) {
                    line.append(String.format("%n  changed: plane %d, x %d..%d, y %d..%d", plane, r.x(), r.x() + r.width() - 1,
                            r.y() - plane * doc.planeRows(), r.y() - plane * doc.planeRows() + r.height() - 1));
                }
            }
            if (regions.size() > 8) {
                line.append(String.format("%n  ... and %d more region(s)", regions.size() - 8));
            }
            if (map != null) {
                line.append(String.format("%n  tamper map: %s", map));
            }
            Map<String, Object> json = JsonOutput.object("file", file.toString(), "verdict", v.verdict().name(),
                    "detail", v.detail(), "keyId", v.embeddedKeyId(), "tamperedRegions", regions,
                    "localisedByKeyedTags", v.localised(), "tamperMap", map == null ? null : map.toString());
            v.record().ifPresent(r -> json.put("record", JsonOutput.object("issuer", r.issuer(), "recipient", r.recipient(),
                    "exportId", r.exportId(), "issuedAt", r.issuedAt().toString(), "purpose", r.purpose())));
            return new Batch.FileOutcome(file, v.verdict() == Verdict.AUTHENTIC ? 0 : 1, line.toString(), json);
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Remove the watermark and write the original image. With the issuer key the original comes",
                "back exactly (for DICOM, byte for byte); with the verification key the robust recipient mark stays.",
                "Only an AUTHENTIC image is restored; anything else exits with 1 and writes nothing."},
            footer = {"", "Example:", "  cyberhealth image restore ct-lab42.dcm --key hospital.key --out ct-original.dcm"})
    static final class Restore implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "INPUT", description = "A marked image file or a folder of them.")
        Path input;

        @Option(names = "--key", required = true, description = "The issuer key file (or a verification key file).")
        Path keyFile;

        @Option(names = "--out", required = true, description = "Output file, or folder for a folder input.")
        Path out;

        @Option(names = "--force", description = "Replace existing output files.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            Keys keys = new Keys(keyFile);
            return runBatch(output, input, out, "restore", (file, target) -> {
                ImageDocument doc = ImageDocuments.open(file);
                if (!doc.hasPixels()) {
                    return withoutPixels(file, target, force);
                }
                Verification v = CryptoWatermark.verify(doc.raster(), doc.identity(), keys.verification, keys.issuer);
                if (v.restored().isEmpty()) {
                    return new Batch.FileOutcome(file, 1, file + ": not restored: " + v.verdict().name().replace('_', ' ') + " - " + v.detail(),
                            JsonOutput.object("file", file.toString(), "restored", false, "verdict", v.verdict().name(), "detail", v.detail()));
                }
                doc.write(v.restored().get(), target, force);
                boolean exact = keys.issuer != null;
                return new Batch.FileOutcome(file, 0, file + " -> " + target + ": restored" + (exact ? " (original)" : " (robust mark kept)"),
                        JsonOutput.object("file", file.toString(), "output", target.toString(), "restored", true, "exactOriginal", exact));
            });
        }
    }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = {"Name the recipient of a leaked copy from its robust mark, even after JPEG re-encoding,",
                "added noise or windowing to 8 bits. Candidates are the recipients in the export ledger (or --candidates);",
                "a recipient is named only when the chance that an innocent one matches as well is below --bound.",
                "The copy must have the original's width and height. Exit code 0 when a recipient is named, 1 otherwise."},
            footer = {"", "Example:", "  cyberhealth image trace leaked.jpg --key hospital.key",
                "  cyberhealth image trace leaked.png --key hospital.key --candidates lab-1,lab-2,lab-42 --json"})
    static final class Trace implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "COPY", description = "The suspect copy (DICOM, PNG, TIFF or JPEG).")
        Path input;

        @Option(names = "--key", required = true, description = "The issuer key file.")
        Path keyFile;

        @Option(names = "--ledger", description = "Export ledger listing the recipients (default: KEY.ledger.jsonl).")
        Path ledgerFile;

        @Option(names = "--candidates", split = ",", description = "Recipients to test, instead of the ledger's.")
        List<String> candidates;

        @Option(names = "--bound", defaultValue = "1e-6", description = "Largest accepted probability of naming an innocent recipient (default: ${DEFAULT-VALUE}).")
        double bound;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (!(bound > 0 && bound < 1)) {
                throw new BadInputException("--bound must be between 0 and 1");
            }
            IssuerKey key = KeyFiles.readIssuerKey(keyFile);
            ExportLedger ledger = ledgerFile == null ? ExportLedger.besideKey(keyFile) : new ExportLedger(ledgerFile);
            List<String> recipients = candidates != null ? candidates : new ArrayList<>(ledger.recipients());
            if (recipients.isEmpty()) {
                throw new BadInputException("no candidate recipients: the ledger " + ledger.file() + " is empty or absent; give --candidates");
            }
            Raster copy = ImageDocuments.openAnyRaster(input);
            RecipientTracer.Trace trace = RecipientTracer.trace(copy, key, recipients, bound);
            List<Object> ranking = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            trace.accused().ifPresentOrElse(
                    a -> lines.add(String.format("%s: recipient %s (%d of %d code bits differ; p = %.2g that an innocent recipient matches as well)",
                            input, a.recipient(), a.bitErrors(), trace.bitsRead().length(), a.pValue())),
                    () -> lines.add(input + ": no recipient identified at p <= " + bound));
            for (RecipientTracer.Candidate c : trace.ranking()) {
                ranking.add(JsonOutput.object("recipient", c.recipient(), "bitErrors", c.bitErrors(), "pValue", c.pValue()));
                if (ranking.size() <= 5) {
                    lines.add(String.format("  %-24s %2d bit errors  p = %.2g", c.recipient(), c.bitErrors(), c.pValue()));
                }
            }
            output.print(JsonOutput.object("file", input.toString(),
                    "recipient", trace.accused().map(RecipientTracer.Candidate::recipient).orElse(null),
                    "pValue", trace.accused().map(RecipientTracer.Candidate::pValue).orElse(null),
                    "bound", bound, "ranking", ranking), lines.toArray(String[]::new));
            return trace.accused().isPresent() ? 0 : 1;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Describe an image file: format, size, bit depth, identifying attributes, and whether it carries a watermark (no key needed).",
            footer = {"", "Example:", "  cyberhealth image inspect ct-lab42.dcm --json"})
    static final class Inspect implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "An image file.")
        Path input;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            ImageDocument doc = ImageDocuments.open(input);
            Map<String, Object> facts = doc.describe();
            CryptoWatermark.inspect(doc.raster()).ifPresentOrElse(
                    w -> facts.put("watermark", JsonOutput.object("keyId", w.keyId(), "scheme", w.scheme(),
                            "blockSize", w.blockSize(), "robust", w.robust(), "untouchedBlocks", w.untouchedBlocks())),
                    () -> facts.put("watermark", null));
            List<String> lines = new ArrayList<>();
            lines.add(input.toString());
            facts.forEach((k, v) -> lines.add(String.format("  %-20s %s", k, v == null ? "none" : v)));
            output.print(facts, lines.toArray(String[]::new));
            return 0;
        }
    }
}
