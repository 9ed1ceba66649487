package org.cyberhealth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.assess.defence.DpSgdRecipe;
import org.cyberhealth.assess.defence.OutputPostProcessing;
import org.cyberhealth.assess.defence.PostProcessedRecipe;
import org.cyberhealth.assess.defence.RdpAccountant;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.core.report.BenchmarkDocument;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.cyberhealth.ml.model.DpSgd;

/**
 * The privacy section of {@code bench assess}: membership inference (loss threshold and LiRA) against the
 * reference recipe without a defence, trained with DP-SGD at epsilon 8 and 1, and behind labels-only and
 * rounded outputs; and extraction (Knockoff, Jacobian) of the reference model behind the same outputs.
 */
final class PrivacyBench {

    private static final int POPULATION = 600;
    private static final int SHADOWS = 4;
    private static final int EPOCHS = 10;
    private static final double DELTA = 1e-5;
    private static final int[] BUDGETS = {1000};
    private static final int COPY_EPOCHS = 5;
    private static final long SEED = 1;

    private PrivacyBench() {}

    static String run(Path target, String model, Path archive, Output output) {
        ReferenceClassifier reference = ReferenceClassifier.PNEUMONIA_CNN;
        Dataset population = AssessMembershipCommand.population(archive, reference, POPULATION);
        int members = population.size() / 2;
        ReferenceRecipe plain = new ReferenceRecipe(reference, EPOCHS);
        List<PrivacyDefenceRuns.MembershipRow> rows = new ArrayList<>(PrivacyDefenceRuns.membership("no defence", population, plain, SHADOWS, SEED, output));
        List<String> recipes = new ArrayList<>();
        for (double epsilon : new double[] {8, 1}) {
            DpSgdRecipe dp = new DpSgdRecipe(reference, new DpSgd(1.0, 1.0, Math.min(32, members / 2), EPOCHS, 1e-3), epsilon, DELTA);
            double reached = RdpAccountant.epsilon(dp.settingsFor(members), members, DELTA).epsilon();
            recipes.add(String.format(Locale.ROOT, "epsilon %.3g: %s (accountant: %.3f)", epsilon, dp.describe(members), reached));
            rows.addAll(PrivacyDefenceRuns.membership(String.format(Locale.ROOT, "DP-SGD, epsilon %.3g", epsilon), population, dp, SHADOWS, SEED,
                    output));
        }
        List<OutputPostProcessing> outputs = List.of(PrivacyDefenceRuns.processing("labels-only", 1, 1, 1, SEED),
                PrivacyDefenceRuns.processing("rounding", 1, 1, 1, SEED));
        ClassifierFile file = ClassifierFile.read(AssessCommand.modelFile(model));
        List<PrivacyDefenceRuns.ExtractionRow> copies = new ArrayList<>();
        for (OutputPostProcessing processing : outputs) {
            rows.addAll(PrivacyDefenceRuns.membership(processing.describe(), population, new PostProcessedRecipe(plain, processing), SHADOWS, SEED,
                    output));
            for (PrivacyDefenceRuns.ExtractionRow row : PrivacyDefenceRuns.extraction(file, archive, processing, BUDGETS, COPY_EPOCHS, SEED, output)) {
                // Each run repeats the undefended copies; keep them once.
                if (!row.setting().equals("no defence") || copies.stream().noneMatch(c -> c.setting().equals("no defence")
                        && c.result().attack().equals(row.result().attack()))) {
                    copies.add(row);
                }
            }
        }
        StringBuilder body = new StringBuilder(String.format(Locale.ROOT, """
                Membership: the reference recipe (`%s`, %d epochs) replayed as in LiRA's game on %d images of the bundled PneumoniaMNIST
                (%d members), %d shadow models per setting (few, to fit one core: TPR at 0.1%% FPR is not resolved below 1/%d), seed %d.
                DP-SGD (Abadi et al. 2016): clip 1, Poisson sampling, noise calibrated by the RDP accountant at delta 1e-5; %s.
                Labels only and rounding to 1 decimal release processed rows to everyone (the shadows' owner included).

                | model | attack | train accuracy | test accuracy | AUC | TPR at 0.1%% FPR | TPR at 1%% FPR |
                |---|---|---:|---:|---:|---:|---:|
                """, reference.id(), EPOCHS, population.size(), members, SHADOWS, population.size() - members, SEED, String.join("; ", recipes)));
        for (PrivacyDefenceRuns.MembershipRow r : rows) {
            body.append(String.format(Locale.ROOT, "| %s | %s | %.2f%% | %.2f%% | %.3f | %.2f%% | %.2f%% |%n", r.setting(), r.attack(), 100 * r.trainAccuracy(),
                    100 * r.testAccuracy(), r.roc().auc(), 100 * r.roc().tprAt(0.001), 100 * r.roc().tprAt(0.01)));
        }
        body.append(String.format(Locale.ROOT, """

                Extraction of `%s` (copies of the reference layout trained %d epochs on the victim's answers, %s queries; fidelity and
                accuracy on the %s test images):

                | victim answers | method | queries | fidelity | copy accuracy |
                |---|---|---:|---:|---:|
                """, file.name(), COPY_EPOCHS, BUDGETS[0], archive.getFileName()));
        for (PrivacyDefenceRuns.ExtractionRow r : copies) {
            body.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f%% | %.2f%% |%n", r.setting(), r.result().attack(), r.result().queries(),
                    100 * r.result().fidelity(), 100 * r.result().accuracy()));
        }
        BenchmarkDocument.writeSection(target, "assess-privacy", "AI assessment: privacy defences (DP-SGD, output post-processing)",
                "cyberhealth bench assess --sections privacy", body.toString());
        return "privacy";
    }
}
