package org.cyberhealth.assess.exfiltration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Only the declared architecture's parameters may leave: the export must read as the declared network, tensor by
 * tensor with the declared shapes, and end where the last declared tensor ends. Each departure is a reason to
 * refuse, named: a file of another architecture, a layer larger than declared, bytes (extra tensors) after the
 * declared ones.
 */
public final class StructureAudit {

    private StructureAudit() {}

    /** The reasons to refuse, empty when the export is exactly the declared network. */
    public static List<String> run(ExportedWeights export) {
        List<String> reasons = new ArrayList<>();
        if (!export.followsDeclaration()) {
            reasons.add(export.structureError());
            return reasons;
        }
        for (ExportedWeights.Tensor t : export.tensors()) {
            if (!t.shapeMatches()) {
                long declared = Arrays.stream(t.declaredShape()).reduce(1, (a, b) -> a * b);
                reasons.add("tensor " + t.name() + " is " + Arrays.toString(t.shape()) + ", declared " + Arrays.toString(t.declaredShape())
                        + (t.values().length > declared ? " (oversized layer: " + (t.values().length - declared) + " extra values)" : ""));
            }
        }
        if (export.trailingBytes() > 0) {
            StringBuilder what = new StringBuilder();
            for (ExportedWeights.Tensor t : export.trailingTensors()) {
                what.append(what.length() == 0 ? ": " : ", ").append(t.name()).append(' ').append(Arrays.toString(t.shape()));
            }
            reasons.add(export.trailingBytes() + " bytes after the declared tensors"
                    + (export.trailingTensors().isEmpty() ? " (not tensors DJL can read)" : ", " + export.trailingTensors().size() + " unknown tensors" + what));
        }
        return reasons;
    }

    /** Values beyond the declared architecture's (oversized layers), for the capacity bound. */
    public static long extraValues(ExportedWeights export) {
        long extra = 0;
        for (ExportedWeights.Tensor t : export.tensors()) {
            long declared = Arrays.stream(t.declaredShape()).reduce(1, (a, b) -> a * b);
            extra += Math.max(0, t.values().length - declared);
        }
        return extra;
    }
}
