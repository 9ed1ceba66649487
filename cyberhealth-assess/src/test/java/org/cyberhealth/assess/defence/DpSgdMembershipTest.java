package org.cyberhealth.assess.defence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.assess.membership.LossThreshold;
import org.cyberhealth.assess.membership.MembershipExperiment;
import org.cyberhealth.assess.membership.ReferenceRecipe;
import org.cyberhealth.assess.membership.Roc;
import org.cyberhealth.ml.data.Dataset;
import org.cyberhealth.ml.data.MedMnist;
import org.cyberhealth.ml.model.DpSgd;
import org.cyberhealth.ml.model.ReferenceClassifier;
import org.junit.jupiter.api.Test;

/**
 * DP-SGD against the loss-threshold attack on the membership game of {@code MembershipOnTinyCnnTest} (240 PneumoniaMNIST
 * images, the target trained on 120 for 30 epochs), with and without DP-SGD at epsilon 1 (delta 1e-5). About 15 s.
 */
class DpSgdMembershipTest {

    private static final Path ARCHIVE = Path.of("../samples/ml/ml/pneumoniamnist.npz");

    @Test
    void dpSgdLowersTheLossAttacksAuc() {
        List<String> classes = List.of("normal", "pneumonia");
        Dataset population = MembershipExperiment.population(List.of(MedMnist.read(ARCHIVE, "train", "p", classes),
                MedMnist.read(ARCHIVE, "test", "p", classes)), 240, "p");
        DpSgdRecipe dp = new DpSgdRecipe(ReferenceClassifier.PNEUMONIA_CNN, new DpSgd(1.0, 1.0, 32, 30, 1e-3), 1.0, 1e-5);
        assertThat(RdpAccountant.epsilon(dp.settingsFor(120), 120, 1e-5).epsilon()).isBetween(0.99, 1.0);
        MembershipExperiment.Outcome plain = MembershipExperiment.run(population, new ReferenceRecipe(ReferenceClassifier.PNEUMONIA_CNN, 30), 0, 1,
                n -> {});
        MembershipExperiment.Outcome defended = MembershipExperiment.run(population, dp, 0, 1, n -> {});
        Roc without = plain.roc(new LossThreshold());
        Roc with = defended.roc(new LossThreshold());
        System.out.printf("loss AUC without %.3f (train %.3f test %.3f), with DP-SGD eps 1 %.3f (train %.3f test %.3f)%n", without.auc(),
                plain.trainAccuracy(), plain.testAccuracy(), with.auc(), defended.trainAccuracy(), defended.testAccuracy());
        // Seed 1: 0.593 without (train 100%, test 88.3%), 0.477 with (train 53.3%, test 55.0%: at epsilon 1 on 120 images the
        // model learns next to nothing, the price of the guarantee on so small a set). At epsilon 8 (expected batch 16, lr 0.003)
        // this game gave 0.570 (train 89.2%, test 79.2%): lower, but within one null deviation (0.037), so no bound is claimed.
        assertThat(with.auc()).isLessThan(without.auc() - 0.08);
        assertThat(with.auc()).isLessThan(0.5 + 2 * Math.sqrt(241.0 / (12 * 120 * 120)));
        assertThat(defended.trainAccuracy() - defended.testAccuracy()).isLessThan(plain.trainAccuracy() - plain.testAccuracy());
    }

    @Test
    void theCommittedRecipeStaysBelowEpsilonEight() {
        DpSgd recipe = ReferenceClassifier.PNEUMONIA_CNN_DP.privacy();
        RdpAccountant.Guarantee g = RdpAccountant.epsilon(recipe, 2428, 1e-5);
        assertThat(g.epsilon()).isLessThan(8).isGreaterThan(7.5);
    }
}
