package org.cyberhealth.cli;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cyberhealth.assess.provenance.MarkCheck;
import org.cyberhealth.assess.provenance.NetworkWeights;
import org.cyberhealth.assess.provenance.TriggerSet;
import org.cyberhealth.assess.provenance.UchidaWatermark;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.ml.model.Classifier;
import org.cyberhealth.ml.model.ClassifierFile;
import org.cyberhealth.ml.model.InputSpec;
import org.cyberhealth.ml.model.ModelSource;

/** The model marks by their command-line names, with their key purposes and how each is read from a classifier on disk. */
enum ModelMark {

    /** Uchida et al. 2017: bits in the weights, read from the weights (white box). */
    UCHIDA("uchida"),
    /** Adi et al. 2018: key labels on key images, read by queries (any model, ONNX and endpoints too). */
    TRIGGER_SET("trigger-set");

    /** How many times the trigger images are repeated in the training set (MarkRobustness's setting). */
    static final int TRIGGER_REPEATS = 4;

    private final String id;

    ModelMark(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** The marks named in {@code list} (comma-separated), or every mark when it is null. */
    static Set<ModelMark> parse(String list) {
        if (list == null) {
            return EnumSet.allOf(ModelMark.class);
        }
        Set<ModelMark> marks = EnumSet.noneOf(ModelMark.class);
        for (String part : list.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            ModelMark found = null;
            for (ModelMark m : values()) {
                if (m.id.equals(name)) {
                    found = m;
                }
            }
            if (found == null) {
                throw new BadInputException("unknown scheme '" + part.trim() + "' (uchida, trigger-set)");
            }
            marks.add(found);
        }
        return marks;
    }

    static UchidaWatermark uchida(IssuerKey key) {
        return UchidaWatermark.withDefaults(key.derive(IssuerKey.Purpose.MODEL_WATERMARK));
    }

    /** The owner's trigger set for {@code shape} (channels, height, width) images and {@code classes} classes. */
    static TriggerSet triggers(IssuerKey key, int[] shape, int classes) {
        if (shape[0] != 1) {
            throw new BadInputException("the trigger set is made of single-channel images; the model takes " + shape[0] + " channels");
        }
        return new TriggerSet(key.derive(IssuerKey.Purpose.TRIGGER_SET), TriggerSet.DEFAULT_SIZE, shape[1], shape[2], classes);
    }

    /** One mark looked for: its check, or why it could not be read from this model (only when it was not asked for by name). */
    record Reading(ModelMark mark, MarkCheck check, String skipped) {}

    /**
     * Looks for {@code marks} in {@code file}: Uchida's bits from the weights when they are DJL parameters holding the
     * marked layer, the trigger set by queries through {@link ClassifierFile#open()}. A mark that cannot be read is bad
     * input when {@code named} (the user asked for it), else reported as skipped.
     */
    static List<Reading> read(ClassifierFile file, IssuerKey key, Set<ModelMark> marks, boolean named) {
        List<Reading> readings = new ArrayList<>();
        if (marks.contains(UCHIDA)) {
            readings.add(readUchida(file, key, named));
        }
        if (marks.contains(TRIGGER_SET)) {
            if (file.input().channels() != 1 && !named) {
                readings.add(new Reading(TRIGGER_SET, null, "the trigger images are single-channel, the model takes " + file.input().channels()));
            } else {
                InputSpec in = file.input();
                TriggerSet triggers = triggers(key, new int[] {in.channels(), in.height(), in.width()}, file.classes().size());
                try (Classifier model = file.open()) {
                    readings.add(new Reading(TRIGGER_SET, triggers.verify(model), null));
                }
            }
        }
        if (readings.stream().allMatch(r -> r.check() == null)) {
            throw new BadInputException("no mark can be read from " + file.path() + ": "
                    + String.join("; ", readings.stream().map(Reading::skipped).toList()));
        }
        return readings;
    }

    /**
     * Whether a reading counts as found at family level {@code alpha}: each mark read is tested at alpha divided by how
     * many were read (Bonferroni), so that an unmarked model is claimed with probability at most alpha.
     */
    static boolean found(Reading r, List<Reading> all, double alpha) {
        long read = all.stream().filter(x -> x.check() != null).count();
        return r.check() != null && r.check().found(alpha / read);
    }

    static List<Object> json(List<Reading> readings, double alpha) {
        List<Object> out = new ArrayList<>();
        for (Reading r : readings) {
            out.add(r.check() == null ? JsonOutput.object("scheme", r.mark().id, "skipped", r.skipped())
                    : JsonOutput.object("scheme", r.mark().id, "matching", r.check().score(), "outOf", r.check().out(), "expectedByChance",
                            r.check().expected(), "pValue", r.check().pValue(), "found", found(r, readings, alpha)));
        }
        return out;
    }

    static List<String> lines(List<Reading> readings, double alpha) {
        List<String> out = new ArrayList<>();
        for (Reading r : readings) {
            String what = r.mark() == UCHIDA ? "bits matching" : "trigger labels matching";
            out.add(r.check() == null ? String.format(Locale.ROOT, "%-12s skipped: %s", r.mark().id, r.skipped())
                    : String.format(Locale.ROOT, "%-12s %3.0f / %d %s (%.1f by chance), p = %.2g: %s", r.mark().id, r.check().score(), r.check().out(),
                            what, r.check().expected(), r.check().pValue(), found(r, readings, alpha) ? "FOUND" : "not found"));
        }
        return out;
    }

    private static Reading readUchida(ClassifierFile file, IssuerKey key, boolean named) {
        UchidaWatermark uchida = uchida(key);
        if (!(file.source() instanceof ModelSource.DjlParameters djl)) {
            String why = "its weights are read from DJL parameters only, this model is " + file.source().kind();
            if (named) {
                throw new BadInputException("uchida: " + why + "; the trigger set is read by queries");
            }
            return new Reading(UCHIDA, null, why);
        }
        InputSpec in = file.input();
        NetworkWeights weights = NetworkWeights.read(djl.architecture(), file.classes().size(),
                new Shape(1, in.channels(), in.height(), in.width()), ProvenanceCommand.parameterBytes(djl));
        if (!weights.names().contains(uchida.layer())) {
            String why = "a " + djl.architecture() + " network has no layer " + uchida.layer();
            if (named) {
                throw new BadInputException("uchida: " + why);
            }
            return new Reading(UCHIDA, null, why);
        }
        return new Reading(UCHIDA, uchida.verify(weights), null);
    }
}
