package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cyberhealth.ml.data.SegmentationSlices;
import org.cyberhealth.ml.model.SegmenterTraining;

/**
 * Fine-tuning at export with layer-wise learning-rate decay (Thellier, Li, Ayache, Delingette, "Mitigating Data Exfiltration
 * Attacks through Layer-Wise Learning Rate Decay Fine-Tuning", DeCaF workshop at MICCAI 2025, arXiv 2509.00027): before the
 * network leaves, the gateway owner trains it a little more on the lake's own training data, so that every weight moves by far
 * more than the low-order bits a payload hides in, while the task is kept because the training pulls it back to the task's optimum.
 *
 * <p>The learning rate decays layer by layer from the output backwards: the output layer gets {@code learningRate}, the layer
 * before it {@code learningRate x decay}, and layer l of L (counted from the input, 1-based) {@code learningRate x decay^(L - l)}.
 * A layer is a weight tensor with the bias tensors that follow it (DJL's parameter order is the order of application). The rate,
 * the decay, the epochs and the optimiser (Adam, the recipe the declared model was trained with) are ours, chosen on abdomen-unet
 * (docs/EXFILTRATION.md): only the paper's abstract could be consulted here, not its hyper-parameters.
 *
 * <p>Unlike rounding, this sanitiser needs the task's data: {@code train}, the slices the declared model was trained on, with
 * their masks. It is deterministic (one thread, seeded batch order).
 */
public record LayerwiseFineTuning(DeclaredTask task, SegmentationSlices train, double learningRate, double decay, int epochs, int batchSize,
                                  long seed) implements Sanitiser {

    /** Adam at 1e-3 on the output layer, x 0.8 per layer towards the input, 5 epochs, batch 4, seed 7. */
    public static LayerwiseFineTuning standard(DeclaredTask task, SegmentationSlices train) {
        return new LayerwiseFineTuning(task, train, 1e-3, 0.8, 5, 4, 7);
    }

    public LayerwiseFineTuning {
        if (!(learningRate > 0) || learningRate > 1 || !(decay > 0) || decay > 1 || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("fine-tuning needs a rate in (0, 1], a decay in (0, 1], epochs and batch size >= 1");
        }
        if (train.height() != task.input().height() || train.width() != task.input().width() || train.classes().size() != task.classes().size()) {
            throw new IllegalArgumentException("the training slices (" + train.height() + " x " + train.width() + ", " + train.classes().size()
                    + " classes) do not fit the declared task (" + task.input().height() + " x " + task.input().width() + ", "
                    + task.classes().size() + " classes)");
        }
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "fine-tuning, layer-wise lr decay (%.0e x %.2f per layer, %d epochs)", learningRate, decay, epochs);
    }

    @Override
    public List<float[]> apply(List<float[]> weights) {
        SegmenterTraining.Fitted start = new SegmenterTraining.Fitted(task.name(), task.input(), task.classes(), ExportedWeights.write(task, weights));
        SegmenterTraining.Fitted tuned = SegmenterTraining.fineTune(start, train, rates(weights), batchSize, epochs, seed);
        return ExportedWeights.read(tuned.parameters(), task).values();
    }

    /** One learning rate per tensor: the output layer's is {@code learningRate}, each layer nearer the input {@code decay} times less. */
    double[] rates(List<float[]> weights) {
        List<Integer> layerOf = new ArrayList<>();
        int layers = 0;
        List<long[]> shapes = shapes(weights.size());
        for (long[] shape : shapes) {
            // A weight (more than one axis) opens a layer; its bias (one axis) joins it.
            if (shape.length > 1 || layers == 0) {
                layers++;
            }
            layerOf.add(layers);
        }
        double[] rates = new double[weights.size()];
        for (int k = 0; k < rates.length; k++) {
            rates[k] = learningRate * Math.pow(decay, layers - layerOf.get(k));
        }
        return rates;
    }

    private List<long[]> shapes(int tensors) {
        List<long[]> shapes = task.parameterShapes();
        if (shapes.size() != tensors) {
            throw new IllegalArgumentException(tensors + " tensors for the " + shapes.size() + " of the declared network");
        }
        return shapes;
    }
}
