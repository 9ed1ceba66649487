package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.provenance.FeatureNetwork;
import org.cyberhealth.assess.provenance.RadioactiveMarking;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.Npz;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ModelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth provenance mark-data}: radioactively mark a share of a MedMNIST-style archive's training images. */
@Command(name = "mark-data", mixinStandardHelpOptions = true,
        description = {"Mark a key-chosen share of the training images of a MedMNIST-style .npz (Sablayrolles et al. 2020,",
            "radioactive data): 30 PGD steps push each marked image's features, under the marking network, along its",
            "class's key-derived carrier, within 4/255 per pixel, on the 8-bit grid (PSNR >= 36.1 dB, reported). Only",
            "train_images changes; every other array is copied byte for byte. The output is written atomically and the",
            "input never changes. Which images are marked is derived from the key and never printed.",
            "Caveat: on binary 28 x 28 tasks a network trained on the marked set carries no detectable trace",
            "(docs/PROVENANCE.md): the mark needs many classes and wide features.",
            "Exit codes: 0 written, 2 bad input (missing arrays, labels the marker lacks, existing --out, --out = --data)."},
        footer = {"", "Example:", "  cyberhealth provenance mark-data --data train.npz --key hospital.key --fraction 0.1 --out marked.npz",
            "  cyberhealth provenance mark-data --data breastmnist.npz --marker breastmnist-cnn --key hospital.key --fraction 0.2 --out b.npz --json"})
final class ProvenanceMarkData implements Callable<Integer> {

    /** What an archive may hold in all before it is refused: MedMNIST's largest 28 x 28 sets are far smaller. */
    static final long MAX_ARCHIVE_BYTES = 1L << 30;

    @Option(names = "--data", required = true, description = "MedMNIST-style .npz: train_images (n x h x w, uint8) and train_labels, other arrays kept.")
    Path data;

    @Option(names = "--key", required = true, description = "The issuer key file.")
    Path key;

    @Option(names = "--fraction", defaultValue = "0.1", description = "Share of the training images to mark, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--marker", defaultValue = "pneumonia-cnn",
            description = "The marking network, trained on clean images of the same task: a name or a descriptor with DJL weights (default: ${DEFAULT-VALUE}).")
    String marker;

    @Option(names = "--out", required = true, description = "The marked .npz to write.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out.")
    boolean force;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new BadInputException("--fraction must lie in (0, 1], got " + fraction);
        }
        ProvenanceCommand.checkOutput(out, force, data);
        ClassifierFile markerFile = ClassifierFile.read(AssessCommand.modelFile(marker));
        ModelSource.DjlParameters source = ProvenanceCommand.djlSource(markerFile, "the marking network");
        IssuerKey issuer = ProvenanceCommand.issuerKey(key);
        Map<String, byte[]> arrays = Npz.readRaw(data, MAX_ARCHIVE_BYTES);
        if (!arrays.containsKey("train_images") || !arrays.containsKey("train_labels")) {
            throw new BadInputException(data + " lacks train_images or train_labels");
        }
        Dataset train = MedMnist.read(data, "train", "train", markerFile.classes());
        int[] shape = train.shape();
        if (shape[0] != markerFile.input().channels() || shape[1] != markerFile.input().height() || shape[2] != markerFile.input().width()) {
            throw new BadInputException(data + " holds " + shape[1] + " x " + shape[2] + " images; the marker takes " + markerFile.input());
        }
        int classes = markerFile.classes().size();
        RadioactiveMarking.MarkedData marked;
        try (FeatureNetwork features = FeatureNetwork.load(source.architecture(), classes, markerFile.input(), ProvenanceCommand.parameterBytes(source));
             ProgressBar bar = new ProgressBar(output.err(), "images marked", Math.max(1, (int) Math.round(fraction * train.size())), !output.json())) {
            RadioactiveMarking marking = new RadioactiveMarking(features, issuer.derive(IssuerKey.Purpose.RADIOACTIVE_DATA), classes,
                    RadioactiveMarking.Settings.DEFAULT);
            int[] reported = {0};
            marked = marking.markFraction(train, fraction, done -> {
                for (; reported[0] < done; reported[0]++) {
                    bar.step();
                }
            });
        }
        arrays.put("train_images", Npz.npy("|u1", new long[] {train.size(), shape[1], shape[2]}, bytes(marked.data())));
        Npz.write(out, force, arrays);
        int count = marked.marked().length;
        output.print(JsonOutput.object("data", data.toString(), "output", out.toString(), "marker", markerFile.path().toString(), "issuer",
                        issuer.issuer(), "keyId", issuer.keyId(), "trainingImages", train.size(), "marked", count, "fraction", count / (double) train.size(),
                        "epsilon", RadioactiveMarking.Settings.DEFAULT.eps(), "meanPsnrDb", marked.meanPsnr(), "minPsnrDb", marked.minPsnr()),
                String.format(Locale.ROOT, "marked %d of %d training images (%.1f%%) with %s's carriers, L-inf 4/255 on the 8-bit grid", count,
                        train.size(), 100.0 * count / train.size(), markerFile.name()),
                String.format(Locale.ROOT, "PSNR of the marked images: mean %.1f dB, min %.1f dB", marked.meanPsnr(), marked.minPsnr()),
                "wrote " + out + " (every other array copied unchanged)");
        return 0;
    }

    /** The images back to bytes; the marking stays on the 8-bit grid, so this is exact (checked). */
    private static byte[] bytes(Dataset images) {
        int width = images.width();
        byte[] out = new byte[images.size() * width];
        for (int i = 0; i < images.size(); i++) {
            double[] row = images.features()[i];
            for (int p = 0; p < width; p++) {
                double level = row[p] * 255;
                long rounded = Math.round(level);
                if (Math.abs(level - rounded) > 1e-3 || rounded < 0 || rounded > 255) {
                    throw new IllegalStateException("image " + i + " left the 8-bit grid at pixel " + p + ": " + level);
                }
                out[i * width + p] = (byte) rounded;
            }
        }
        return out;
    }
}
