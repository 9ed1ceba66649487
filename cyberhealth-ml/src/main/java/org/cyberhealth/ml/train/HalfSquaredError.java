package org.cyberhealth.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.cyberhealth.ml.NativeScalars;

/**
 * Half the mean squared error, the regression loss: what DJL's {@code Loss.l2Loss()} computes, but with its factor
 * 1/2 made by PyTorch. DJL's own loss multiplies by a Java number, whose tensor autograd keeps for the backward pass
 * after Java has let go of its buffer (see {@link NativeScalars}), so a garbage collection during a step could
 * corrupt that step's gradient.
 */
final class HalfSquaredError extends Loss {

    HalfSquaredError() {
        super("HalfSquaredError");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray prediction = predictions.singletonOrThrow();
        NDArray difference = labels.singletonOrThrow().reshape(prediction.getShape()).sub(prediction);
        return NativeScalars.times(difference.square(), 0.5f).mean();
    }
}
