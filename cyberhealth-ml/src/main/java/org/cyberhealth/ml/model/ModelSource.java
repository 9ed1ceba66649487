package org.cyberhealth.ml.model;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a descriptor's network lives and how it runs. White-box attacks need a source with autograd
 * (DJL parameters of a known architecture, or a TorchScript module); ONNX graphs and remote endpoints
 * answer queries only.
 */
public sealed interface ModelSource {

    /** The descriptor's name for this kind of source, for messages and reports. */
    String kind();

    /** True when the input gradient can be computed. */
    boolean whiteBox();

    /** DJL's parameter file for one of the project's {@link Architectures}. */
    record DjlParameters(String architecture, Path file) implements ModelSource {
        @Override
        public String kind() {
            return "djl (" + architecture + ")";
        }

        @Override
        public boolean whiteBox() {
            return true;
        }
    }

    /** A TorchScript module saved by PyTorch ({@code torch.jit.trace} or {@code script}, then {@code save}). */
    record TorchScript(Path file, TensorLayout layout, NetworkOutput output) implements ModelSource {
        @Override
        public String kind() {
            return "torchscript";
        }

        @Override
        public boolean whiteBox() {
            return true;
        }
    }

    /** An ONNX graph. */
    record Onnx(Path file, TensorLayout layout, NetworkOutput output) implements ModelSource {
        @Override
        public String kind() {
            return "onnx";
        }

        @Override
        public boolean whiteBox() {
            return false;
        }
    }

    /** A remote prediction service ({@link RemoteClassifier} describes the protocol). */
    record Endpoint(URI uri, Duration timeout) implements ModelSource {
        @Override
        public String kind() {
            return "endpoint";
        }

        @Override
        public boolean whiteBox() {
            return false;
        }
    }
}
