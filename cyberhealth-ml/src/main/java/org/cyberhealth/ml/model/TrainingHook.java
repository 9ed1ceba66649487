package org.cyberhealth.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * What a caller may add to the training loop besides replacing the images ({@link BatchTransform}): a start other
 * than the fresh initialisation (fine-tuning a trained network, re-initialising or freezing layers) and a term added
 * to every mini-batch's loss (a regulariser on the weights, such as an embedded watermark). Module assess uses it for
 * model watermarks and the attacks on them; this module only runs it.
 */
public interface TrainingHook {

    /** Ordinary training from the recipe's random initialisation. */
    TrainingHook NONE = new TrainingHook() {
        @Override
        public String describe() {
            return "no hook";
        }
    };

    /**
     * Called once on the initialised block before the first step: may overwrite parameter values in place
     * ({@code NDArray.set}, which keeps them attached to the optimiser) or freeze parameters.
     */
    default void prepare(Block block) {
    }

    /**
     * A scalar added to the mini-batch's loss, computed from {@code block}'s parameters inside the gradient tape so that
     * the step follows its gradient too; {@code null} for none. Arrays it creates belong in {@code scope} (the
     * mini-batch's manager, closed after the step), not in the parameters' manager, which lives as long as the model.
     */
    default NDArray penalty(Block block, NDManager scope) {
        return null;
    }

    /** The settings, for the model's recorded recipe. */
    String describe();
}
