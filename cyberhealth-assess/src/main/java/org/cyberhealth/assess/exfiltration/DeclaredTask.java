package org.cyberhealth.assess.exfiltration;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.SegmenterFile;
import org.cyberhealth.ml.model.SmallUNet;

/**
 * What an export claims to be: the architecture (the project's {@link SmallUNet}), the input it takes and the
 * classes it predicts. Read from a segmenter descriptor ({@value SegmenterFile#FORMAT}), the same file that
 * describes the honest model, so the data lake declares a task once and audits every export against it.
 */
public record DeclaredTask(String name, InputSpec input, List<String> classes) {

    public DeclaredTask {
        classes = List.copyOf(classes);
    }

    /** The task a segmenter descriptor declares (its weights are not read). */
    public static DeclaredTask read(Path descriptor) {
        SegmenterFile file = SegmenterFile.read(descriptor);
        return new DeclaredTask(file.name(), file.input(), file.classes());
    }

    /** A fresh network of the declared architecture, initialised (random weights) in {@code manager}. */
    public Block newNetwork(NDManager manager) {
        Block block = SmallUNet.build(classes.size());
        block.initialize(manager, DataType.FLOAT32, inputShape());
        return block;
    }

    /** The shapes of the declared network's parameter tensors, in DJL's order (the order of application). */
    public List<long[]> parameterShapes() {
        try (NDManager manager = Engine.getInstance().newBaseManager()) {
            return newNetwork(manager).getParameters().values().stream().map(p -> p.getArray().getShape().getShape()).toList();
        }
    }

    public Shape inputShape() {
        return new Shape(1, input.channels(), input.height(), input.width());
    }

    public String architecture() {
        return SmallUNet.NAME;
    }
}
