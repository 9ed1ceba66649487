package org.cyberhealth.assess.exfiltration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Digests;
import org.cyberhealth.core.ledger.AuditLog;
import org.cyberhealth.ml.model.SmallUNet;

/**
 * The check a data lake runs before a model leaves (the defence against Li, Ayache, Delingette's data stealing
 * attack): structure audit, capacity audit, optionally a sanitiser, and a verdict logged in a hash-chained audit
 * log. REFUSE when the structure differs from the declaration, when the low-order bits carry evidence of hidden
 * data, or when the bound on leakable images exceeds the policy's limit; PASS otherwise. A PASS is not proof
 * that nothing leaks: a whitened payload in the low bits passes the statistics, and only the bound (and a
 * sanitiser that clears those bits) speaks to it; see docs/EXFILTRATION.md.
 */
public final class ExportGateway {

    /** The gateway's settings: the task's needed precision, the attack rate the bound divides by, the limit. */
    public record Policy(int neededMantissaBits, double bitsPerImage, double maxLeakableImages) {

        /**
         * bfloat16 precision needed, 3,072 bits per image (a 64 x 64 slice's codes at 3 bits a symbol; the entropy-coded
         * attack of the bench needs about 2,850), no limit on the bound.
         */
        public static Policy standard() {
            return new Policy(7, 3072, Double.POSITIVE_INFINITY);
        }
    }

    /** The verdict, its reasons, the audits' numbers, and the bytes that may leave (sanitised when asked). */
    public record Verdict(boolean pass, List<String> reasons, List<String> structure, CapacityAudit.Result capacity, String sanitiser,
                          CapacityAudit.Result afterSanitising, String inputSha256, byte[] output) {

        public String word() {
            return pass ? "PASS" : "REFUSE";
        }
    }

    private ExportGateway() {}

    /**
     * Audits {@code export} against {@code task}; with a {@code sanitiser}, the declared tensors are sanitised and
     * re-encoded (dropping anything else) and the capacity bound is computed on the result, which is what leaves.
     */
    public static Verdict check(byte[] export, DeclaredTask task, Policy policy, Sanitiser sanitiser) {
        if (task.torchScript() != null) {
            throw new IllegalArgumentException(task.name() + " declares a TorchScript module: use checkTorchScript");
        }
        ExportedWeights weights = ExportedWeights.read(export, task);
        List<String> structure = StructureAudit.run(weights);
        if (!weights.followsDeclaration()) {
            return new Verdict(false, new ArrayList<>(structure), structure, null, null, null, sha256(export), null);
        }
        long extraBits = 8 * weights.trailingBytes() + 32 * StructureAudit.extraValues(weights);
        return judge(export, structure, weights.values(), extraBits, 0, cleaned -> ExportedWeights.write(task, cleaned), policy,
                structure.isEmpty() ? sanitiser : null);
    }

    /**
     * Audits a TorchScript {@code export} against the reference module {@code task} declares ({@link TorchScriptExport}); a
     * sanitiser rewrites the storages in a copy of the archive. Debug information counts in the bound before and after (a
     * sanitiser of values does not touch it). Fine-tuning is not offered: it trains the project's U-Net only.
     */
    public static Verdict checkTorchScript(byte[] export, DeclaredTask task, Policy policy, Sanitiser sanitiser) {
        if (task.torchScript() == null) {
            throw new IllegalArgumentException(task.name() + " declares no TorchScript module to audit a .pt export against");
        }
        if (sanitiser != null && sanitiser.steps().stream().anyMatch(LayerwiseFineTuning.class::isInstance)) {
            throw new IllegalArgumentException("fine-tuning at export trains the project's " + SmallUNet.NAME + " only, not a TorchScript module");
        }
        TorchScriptExport declared = TorchScriptExport.read(readReference(task.torchScript()));
        TorchScriptExport exported = TorchScriptExport.read(export);
        List<String> structure = exported.audit(declared);
        if (!structure.isEmpty()) {
            return new Verdict(false, new ArrayList<>(structure), structure, null, null, null, sha256(export), null);
        }
        long debugBits = 8 * exported.debugBytes();
        return judge(export, structure, exported.values(), debugBits, debugBits, exported::write, policy, sanitiser);
    }

    /** The capacity audit, the sanitiser and the verdict, whatever the format: {@code write} encodes sanitised values. */
    private static Verdict judge(byte[] export, List<String> structure, List<float[]> values, long extraBits, long extraBitsAfter,
                                 Function<List<float[]>, byte[]> write, Policy policy, Sanitiser sanitiser) {
        List<String> reasons = new ArrayList<>(structure);
        CapacityAudit.Result capacity = CapacityAudit.run(values, policy.neededMantissaBits(), extraBits, policy.bitsPerImage());
        reasons.addAll(capacity.findings());
        CapacityAudit.Result after = null;
        byte[] output = export;
        CapacityAudit.Result bound = capacity;
        if (sanitiser != null) {
            List<float[]> cleaned = sanitiser.apply(values);
            output = write.apply(cleaned);
            after = CapacityAudit.run(cleaned, 23 - freeAfter(sanitiser, policy), extraBitsAfter, policy.bitsPerImage());
            bound = after;
        }
        if (bound.boundImages() > policy.maxLeakableImages()) {
            reasons.add(String.format(Locale.ROOT, "up to %.0f images could leak (%d bits beyond the task), above the limit of %.0f",
                    bound.boundImages(), bound.capacityBits(), policy.maxLeakableImages()));
        }
        return new Verdict(reasons.isEmpty(), reasons, structure, capacity, sanitiser == null ? null : sanitiser.name(), after, sha256(export),
                reasons.isEmpty() ? output : null);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256(bytes));
    }

    private static byte[] readReference(Path file) {
        try {
            if (Files.size(file) > 256L << 20) {
                throw new BadInputException("the declared module " + file + " is larger than 256 MiB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read the declared module " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Mantissa bits per weight still free after {@code sanitiser}: rounding to K bits leaves max(0, K - needed); a chain
     * leaves what its tightest step leaves (what one step has cleared, the steps after it cannot bring back).
     */
    private static int freeAfter(Sanitiser sanitiser, Policy policy) {
        int free = 23 - policy.neededMantissaBits();
        for (Sanitiser step : sanitiser.steps()) {
            if (step instanceof Sanitiser.MantissaRounding r) {
                free = Math.min(free, Math.max(0, r.kept() - policy.neededMantissaBits()));
            }
            // Noise and int8 re-draw or requantise every bit, but an attacker who knows the sanitiser can code around
            // them: they leave the bound where the task's precision puts it.
        }
        return free;
    }

    /** Appends the verdict to {@code log}; returns the entry's hash. */
    public static String log(AuditLog log, Verdict verdict, String model, DeclaredTask task, Instant at) {
        ObjectNode event = new ObjectMapper().createObjectNode();
        event.put("action", "export check");
        event.put("model", model);
        event.put("sha256", verdict.inputSha256());
        event.put("declaredTask", task.name());
        event.put("verdict", verdict.word());
        ArrayNode reasons = event.putArray("reasons");
        verdict.reasons().forEach(reasons::add);
        if (verdict.capacity() != null) {
            event.put("boundImages", Math.round(verdict.capacity().boundImages()));
        }
        if (verdict.sanitiser() != null) {
            event.put("sanitiser", verdict.sanitiser());
            event.put("boundImagesAfter", Math.round(verdict.afterSanitising().boundImages()));
        }
        if (verdict.output() != null) {
            event.put("outputSha256", HexFormat.of().formatHex(Digests.sha256(verdict.output())));
        }
        return log.append(event, at);
    }
}
