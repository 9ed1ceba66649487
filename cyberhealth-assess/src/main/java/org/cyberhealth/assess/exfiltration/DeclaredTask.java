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
 * What an export claims to be: the architecture, the input it takes and the classes it predicts. Read from a segmenter
 * descriptor ({@value SegmenterFile#FORMAT}), the same file that describes the honest model, so the data lake declares a
 * task once and audits every export against it. The architecture is the project's {@link SmallUNet} (exports are DJL
 * parameter files), or, when the descriptor names a {@code "torchscript"} module, that module: a reference TorchScript of
 * the honest architecture, whose tensor names, shapes, code and attributes a TorchScript export must repeat
 * ({@link TorchScriptExport}).
 */
public record DeclaredTask(String name, InputSpec input, List<String> classes, Path torchScript) {

    public DeclaredTask {
        classes = List.copyOf(classes);
    }

    /** A task of the project's U-Net. */
    public DeclaredTask(String name, InputSpec input, List<String> classes) {
        this(name, input, classes, null);
    }

    /** The task a segmenter descriptor declares (its weights are not read). */
    public static DeclaredTask read(Path descriptor) {
        SegmenterFile file = SegmenterFile.read(descriptor);
        return new DeclaredTask(file.name(), file.input(), file.classes(), file.torchScript());
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
        return torchScript == null ? SmallUNet.NAME : "TorchScript like " + torchScript.getFileName();
    }
}
