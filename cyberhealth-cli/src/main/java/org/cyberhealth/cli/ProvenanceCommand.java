package org.cyberhealth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ModelSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cyberhealth provenance}: the owner's marks on a model (Uchida et al. 2017 watermark, Adi et al. 2018 trigger
 * set) and on training data (Sablayrolles et al. 2020 radioactive data), embedded and verified from the issuer key.
 */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = {"Provenance marks: prove that a model, or a model trained on your images, is yours.",
            "Every secret comes from the issuer key (HKDF, one derived key per mark); the key is never printed or stored."},
        subcommands = {ProvenanceMarkModel.class, ProvenanceVerifyModel.class, ProvenanceMarkData.class, ProvenanceDetectData.class},
        footer = {"", "Example:", "  cyberhealth provenance mark-model --use-case pneumonia-cnn --key hospital.key --out marked.json",
            "  cyberhealth provenance verify-model --model suspect.json --key hospital.key",
            "  cyberhealth provenance mark-data --data train.npz --key hospital.key --fraction 0.1 --out marked.npz",
            "  cyberhealth provenance detect-data --model suspect.json --key hospital.key"})
final class ProvenanceCommand implements Runnable {

    /** The default significance level: a claim of ownership should be very unlikely to be wrong. */
    static final String DEFAULT_ALPHA = "1e-6";
    private static final long MAX_MODEL_BYTES = 256L << 20;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'provenance verify-model'");
    }

    /** The issuer key: a verification (public) key cannot mark or verify, since every mark's secret derives from the private part. */
    static IssuerKey issuerKey(Path file) {
        return KeyFiles.readIssuerKey(file);
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new BadInputException("--alpha must lie in (0, 1), got " + alpha);
        }
    }

    /** The DJL parameter bytes of a white-box model, or bad input naming what the command needs them for. */
    static ModelSource.DjlParameters djlSource(ClassifierFile file, String purpose) {
        if (file.source() instanceof ModelSource.DjlParameters djl) {
            return djl;
        }
        throw new BadInputException(file.path() + " is a " + file.source().kind() + " model: " + purpose
                + " needs the weights of one of the project's architectures (DJL parameters)");
    }

    static byte[] parameterBytes(ModelSource.DjlParameters djl) {
        try {
            if (Files.size(djl.file()) > MAX_MODEL_BYTES) {
                throw new BadInputException(djl.file() + " is larger than " + (MAX_MODEL_BYTES >> 20) + " MiB");
            }
            return Files.readAllBytes(djl.file());
        } catch (NoSuchFileException e) {
            throw new BadInputException("no such file: " + djl.file() + " (named by the model's descriptor)");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + djl.file() + ": " + e.getMessage(), e);
        }
    }

    /** Refuses to replace an input, and an existing output without --force, before any work is done. */
    static void checkOutput(Path out, boolean force, Path... inputs) {
        for (Path input : inputs) {
            try {
                if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input)) {
                    throw new BadInputException("--out " + out + " is an input: inputs are never changed");
                }
            } catch (IOException e) {
                throw new BadInputException("cannot compare " + out + " with " + input + ": " + e.getMessage(), e);
            }
        }
        if (!force && Files.exists(out)) {
            throw new BadInputException("output " + out + " already exists (use --force to replace it)");
        }
    }
}
