package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cyberhealth.assess.defence.TrainingTransforms;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.Split;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ClassifierTraining;
import org.cyberhealth.ml.model.DpSgd;
import org.cyberhealth.ml.model.DpSgdTraining;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.cyberhealth.ml.model.SegmenterTraining;
import org.cyberhealth.ml.train.HeModelExport;
import org.cyberhealth.ml.train.Recipe;
import org.cyberhealth.ml.train.TrainedNetwork;
import org.cyberhealth.ml.train.Training;
import org.cyberhealth.ml.train.UseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cyberhealth ml}: the reference models, trained here (DJL, PyTorch engine, offline). */
@Command(name = "ml", mixinStandardHelpOptions = true,
        description = "Machine-learning models: train the reference models (HE-friendly ones for encrypted inference, an ordinary CNN for the assessment).",
        subcommands = {MlCommand.Train.class},
        footer = {"", "Example:", "  cyberhealth ml train --use-case breast-cancer --out breast-cancer.he.json"})
final class MlCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose 'ml train'");
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train the HE-friendly network of a use case (polynomial activations only) on its training part,",
                "score it on the held-out part, and write it in the framework-neutral format 'he serve' reads.",
                "Use cases: breast-cancer (Wisconsin table, 2 classes), diabetes (regression), pneumonia (28x28 X-rays, CNN).",
                "Use case pneumonia-cnn instead trains the reference classifier that 'assess' attacks (ReLU, max-pooling);",
                "pneumonia-cnn-adv the same network adversarially trained (PGD L-inf, eps 8/255, 7 steps, Madry et al. 2018),",
                "pneumonia-cnn-noise the same trained on Gaussian noise (sigma 0.25), the base of randomised smoothing;",
                "breastmnist-cnn the same layout on BreastMNIST ultrasound (malignant or not); breast-cancer-mlp an MLP",
                "on the Wisconsin table (columns scaled into [0, 1] with the training range);",
                "abdomen-unet the reference 2D U-Net that 'assess segmentation' attacks (data: samples/segmentation):",
                "--out names its JSON descriptor, and its DJL weights (.params) are written beside it.",
                "The recipe (layers, optimiser, epochs, seed) is fixed in code, so the same command gives the same model."},
            footer = {"", "Example:", "  cyberhealth ml train --use-case pneumonia --data samples/ml --out models/pneumonia.he.json",
                "  cyberhealth ml train --use-case diabetes --epochs 10 --out /tmp/diabetes.he.json --json",
                "  cyberhealth ml train --use-case pneumonia-cnn --out models/pneumonia-cnn.json --force",
                "  cyberhealth ml train --use-case abdomen-unet --out models/abdomen-unet.json --force"})
    static final class Train implements Callable<Integer> {

        @Option(names = "--use-case", required = true, description = "breast-cancer, diabetes, pneumonia, pneumonia-cnn, pneumonia-cnn-adv, pneumonia-cnn-noise, pneumonia-cnn-dp, breastmnist-cnn, breast-cancer-mlp or abdomen-unet.")
        String useCase;

        @Option(names = "--data", description = "Folder laid out as ../shared/data (default: the bundled copy, samples/ml); for abdomen-unet, a folder with TotalSegmentator's example files (default: samples/segmentation).")
        Path data;

        @Option(names = "--out", required = true, description = "The model file to write (JSON).")
        Path out;

        @Option(names = "--epochs", description = "Override the recipe's number of epochs.")
        Integer epochs;

        @Option(names = "--seed", description = "Override the recipe's seed (initial weights, batch order).")
        Long seed;

        @Option(names = "--force", description = "Replace an existing output file.")
        boolean force;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            ReferenceClassifier classifier = ReferenceClassifier.find(useCase);
            ReferenceSegmenter segmenter = ReferenceSegmenter.find(useCase);
            UseCase chosen = null;
            if (classifier == null && segmenter == null) {
                try {
                    chosen = UseCase.byId(useCase);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("unknown use case '" + useCase + "' (breast-cancer, diabetes, pneumonia, pneumonia-cnn, pneumonia-cnn-adv, pneumonia-cnn-noise, pneumonia-cnn-dp, breastmnist-cnn, breast-cancer-mlp, abdomen-unet)");
                }
            }
            if (epochs != null && (epochs < 1 || epochs > 10_000)) {
                throw new BadInputException("--epochs must be 1 to 10000");
            }
            if (Files.exists(out) && !force) {
                throw new BadInputException(out + " exists (use --force to replace it)");
            }
            Path root = data != null ? data : segmenter != null ? ProjectHome.path().resolve("samples").resolve("segmentation") : bundledData();
            if (!Files.isDirectory(root)) {
                throw new BadInputException("data folder " + root + " not found (give --data)");
            }
            if (classifier != null) {
                return trainClassifier(classifier, root);
            }
            if (segmenter != null) {
                return trainSegmenter(segmenter, root);
            }
            Recipe recipe = chosen.recipe();
            recipe = epochs == null ? recipe : recipe.withEpochs(epochs);
            recipe = seed == null ? recipe : recipe.withSeed(seed);
            Split split = chosen.data(root);
            TrainedNetwork network;
            try (ProgressBar bar = new ProgressBar(output.err(), "training " + chosen.id(), recipe.epochs(), !output.json())) {
                network = Training.run(recipe, split, epoch -> bar.step());
            }
            HeModelExport.write(network, out, force);
            TrainedNetwork.Score score = network.score();
            output.print(JsonOutput.object("useCase", chosen.id(), "out", out.toString(), "trainSamples", split.train().size(),
                            "testSamples", score.samples(), "accuracy", score.accuracy(), "rmse", score.rmse(), "r2", score.r2()),
                    "trained " + chosen.id() + " on " + split.train().size() + " samples: " + score.describe(),
                    "wrote " + out);
            return 0;
        }

        private int trainClassifier(ReferenceClassifier classifier, Path root) {
            if (!out.getFileName().toString().endsWith(".json")) {
                throw new BadInputException("--out must name a .json descriptor (the weights go beside it, as .params)");
            }
            Path weights = ClassifierFile.parametersOf(out);
            if (Files.exists(weights) && !force) {
                throw new BadInputException(weights + " exists (use --force to replace it)");
            }
            int rounds = epochs != null ? epochs : classifier.epochs();
            Split split = classifier.data(root);
            ClassifierTraining.Trained trained;
            try (ProgressBar bar = new ProgressBar(output.err(), "training " + classifier.id(), rounds, !output.json())) {
                long chosenSeed = seed != null ? seed : classifier.seed();
                DpSgd privacy = classifier.privacy();
                trained = privacy != null
                        ? DpSgdTraining.run(classifier, split, new DpSgd(privacy.clipNorm(), privacy.noiseMultiplier(), privacy.expectedBatch(), rounds,
                                privacy.learningRate()), chosenSeed, epoch -> bar.step())
                        : ClassifierTraining.run(classifier, split, rounds, chosenSeed, TrainingTransforms.of(classifier.inputs(), chosenSeed),
                        epoch -> bar.step());
            }
            trained.write(out, force);
            output.print(JsonOutput.object("useCase", classifier.id(), "out", out.toString(), "weights", weights.toString(),
                            "trainSamples", split.train().size(), "testSamples", trained.testSamples(), "accuracy", trained.testAccuracy()),
                    String.format(java.util.Locale.ROOT, "trained %s on %d images: accuracy %.2f%% on %d held-out images", classifier.id(),
                            split.train().size(), 100 * trained.testAccuracy(), trained.testSamples()),
                    "wrote " + out + " and " + weights);
            return 0;
        }

        private int trainSegmenter(ReferenceSegmenter segmenter, Path folder) {
            if (!out.getFileName().toString().endsWith(".json")) {
                throw new BadInputException("--out must name a .json descriptor (the weights go beside it, as .params)");
            }
            Path weights = ClassifierFile.parametersOf(out);
            if (Files.exists(weights) && !force) {
                throw new BadInputException(weights + " exists (use --force to replace it)");
            }
            int rounds = epochs != null ? epochs : segmenter.epochs();
            SegmenterTraining.Trained trained;
            try (ProgressBar bar = new ProgressBar(output.err(), "training " + segmenter.id(), rounds, !output.json())) {
                trained = SegmenterTraining.run(segmenter, folder, rounds, seed != null ? seed : segmenter.seed(), epoch -> bar.step());
            }
            trained.write(out, force);
            output.print(JsonOutput.object("useCase", segmenter.id(), "out", out.toString(), "weights", weights.toString(),
                            "testSlices", trained.testSlices(), "meanDice", trained.test().meanDice()),
                    String.format(java.util.Locale.ROOT, "trained %s: mean Dice %.3f on %d held-out slices", segmenter.id(),
                            trained.test().meanDice(), trained.testSlices()),
                    "wrote " + out + " and " + weights);
            return 0;
        }
    }

    /** The training data bundled with the repository (samples/ml). */
    static Path bundledData() {
        return ProjectHome.path().resolve("samples").resolve("ml");
    }
}
