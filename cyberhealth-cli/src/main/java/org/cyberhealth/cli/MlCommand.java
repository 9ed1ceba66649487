package org.cyberhealth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.data.Split;
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
        description = "Machine-learning models: train the HE-friendly reference models of the encrypted-inference use cases.",
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
                "The recipe (layers, optimiser, epochs, seed) is fixed in code, so the same command gives the same model."},
            footer = {"", "Example:", "  cyberhealth ml train --use-case pneumonia --data samples/ml --out models/pneumonia.he.json",
                "  cyberhealth ml train --use-case diabetes --epochs 10 --out /tmp/diabetes.he.json --json"})
    static final class Train implements Callable<Integer> {

        @Option(names = "--use-case", required = true, description = "breast-cancer, diabetes or pneumonia.")
        String useCase;

        @Option(names = "--data", description = "Folder laid out as ../shared/data (default: the bundled copy, samples/ml).")
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
            UseCase chosen;
            try {
                chosen = UseCase.byId(useCase);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            if (epochs != null && (epochs < 1 || epochs > 10_000)) {
                throw new BadInputException("--epochs must be 1 to 10000");
            }
            if (Files.exists(out) && !force) {
                throw new BadInputException(out + " exists (use --force to replace it)");
            }
            Path root = data != null ? data : bundledData();
            if (!Files.isDirectory(root)) {
                throw new BadInputException("data folder " + root + " not found (give --data)");
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
    }

    /** The training data bundled with the repository (samples/ml). */
    static Path bundledData() {
        return ProjectHome.path().resolve("samples").resolve("ml");
    }
}
