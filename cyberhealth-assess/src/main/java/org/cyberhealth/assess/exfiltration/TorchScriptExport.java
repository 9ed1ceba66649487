package org.cyberhealth.assess.exfiltration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyberhealth.core.BadInputException;

/**
 * A TorchScript module ({@code torch.jit.save}) as the export gateway sees it: a zip of the module's code ({@code code/}),
 * its attributes and tensors ({@code data.pkl}, which names for each tensor the storage {@code data/N} that holds its raw
 * little-endian values), {@code constants.pkl}, {@code version}, and optional {@code extra/} files.
 *
 * <p>The declaration is a reference TorchScript of the honest architecture (the declared task's {@code "torchscript"}
 * file): the export's tensors must have the reference's names and shapes, float32, one storage each exactly as large as
 * its tensor; its code, constants and version must be the reference's byte for byte (that is the architecture); debug
 * information ({@code .debug_pkl}, source ranges PyTorch does not need to run the module) may differ, as retracing
 * changes it, but only for files the reference has, and its bytes count in the capacity bound. Everything else is
 * refused with its name: extra files, storages no tensor uses, tensors or attributes the reference does not have, bytes
 * outside the zip entries ({@link ZipLayout}). Sanitised values are written into a copy of the archive, storage by storage,
 * so the result loads wherever the input did.
 */
public final class TorchScriptExport {

    /** data.pkl larger than this is refused (a module's is a few kilobytes per layer). */
    static final int MAX_PICKLE_BYTES = 16 << 20;

    /** A tensor of the module: its path in the module (e.g. {@code 0.weight}) and where its values are. */
    public record NamedTensor(String name, TorchScriptPickle.Tensor tensor) {}

    private final ZipLayout zip;
    private final Map<String, ZipLayout.Entry> entries;
    private final List<NamedTensor> tensors;
    private final Map<String, String> attributes;

    private TorchScriptExport(ZipLayout zip, Map<String, ZipLayout.Entry> entries, List<NamedTensor> tensors, Map<String, String> attributes) {
        this.zip = zip;
        this.entries = entries;
        this.tensors = tensors;
        this.attributes = attributes;
    }

    /** Reads the archive's layout and data.pkl; refuses (BadInputException) what is not a readable TorchScript archive. */
    public static TorchScriptExport read(byte[] bytes) {
        ZipLayout zip = ZipLayout.read(bytes);
        if (zip.entries().isEmpty()) {
            throw new BadInputException("the TorchScript archive is empty");
        }
        String first = zip.entries().get(0).name();
        String prefix = first.contains("/") ? first.substring(0, first.indexOf('/') + 1) : "";
        Map<String, ZipLayout.Entry> entries = new LinkedHashMap<>();
        for (ZipLayout.Entry e : zip.entries()) {
            if (!e.name().startsWith(prefix) || prefix.isEmpty()) {
                throw new BadInputException("the TorchScript archive's entries are not all in one folder (" + e.name() + ")");
            }
            entries.put(e.name().substring(prefix.length()), e);
        }
        ZipLayout.Entry data = entries.get("data.pkl");
        if (data == null) {
            throw new BadInputException("the archive has no data.pkl: not a TorchScript module");
        }
        if (data.size() > MAX_PICKLE_BYTES) {
            throw new BadInputException("data.pkl declares " + data.size() + " bytes, more than " + MAX_PICKLE_BYTES);
        }
        Object root = TorchScriptPickle.read(zip.content(data));
        if (!(root instanceof TorchScriptPickle.Obj module)) {
            throw new BadInputException("data.pkl does not hold a module");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        walk(module, "", 0, tensors, attributes);
        return new TorchScriptExport(zip, entries, tensors, attributes);
    }

    private static void walk(TorchScriptPickle.Obj module, String path, int depth, List<NamedTensor> tensors, Map<String, String> attributes) {
        // The memo can make a module its own child: depth bounds the walk.
        if (depth > TorchScriptPickle.MAX_DEPTH) {
            throw new BadInputException("data.pkl nests modules deeper than " + TorchScriptPickle.MAX_DEPTH + " levels");
        }
        for (Map.Entry<String, Object> a : module.state().entrySet()) {
            String name = path + a.getKey();
            if (a.getValue() instanceof TorchScriptPickle.Tensor t) {
                tensors.add(new NamedTensor(name, t));
            } else if (a.getValue() instanceof TorchScriptPickle.Obj child) {
                walk(child, name + ".", depth + 1, tensors, attributes);
            } else {
                attributes.put(name, TorchScriptPickle.describe(a.getValue()));
            }
        }
    }

    public List<NamedTensor> tensors() {
        return tensors;
    }

    /** Why this export is not the declared module; empty when it is, tensor for tensor and file for file. */
    public List<String> audit(TorchScriptExport declared) {
        List<String> reasons = new ArrayList<>();
        zip.unaccounted().forEach(u -> reasons.add("bytes outside the archive's entries: " + u));
        if (!"little".equals(text("byteorder", "little"))) {
            reasons.add("the storages are not little-endian");
        }
        Map<String, NamedTensor> declaredTensors = new HashMap<>();
        declared.tensors.forEach(t -> declaredTensors.put(t.name(), t));
        Map<String, String> storageUser = new HashMap<>();
        for (NamedTensor t : tensors) {
            TorchScriptPickle.Tensor v = t.tensor();
            NamedTensor d = declaredTensors.get(t.name());
            if (d == null) {
                reasons.add("tensor " + t.name() + " " + Arrays.toString(v.size()) + " is not declared (a parameter or buffer the declared "
                        + "architecture does not have)");
            } else if (!Arrays.equals(v.size(), d.tensor().size())) {
                reasons.add("tensor " + t.name() + " is " + Arrays.toString(v.size()) + ", declared " + Arrays.toString(d.tensor().size()));
            }
            String storage = "data/" + v.storageKey();
            String previous = storageUser.put(storage, t.name());
            ZipLayout.Entry entry = entries.get(storage);
            if (!v.storageType().equals("torch.FloatStorage")) {
                reasons.add("tensor " + t.name() + " is stored as " + v.storageType() + "; the gateway passes float32 only");
            } else if (entry == null) {
                reasons.add("tensor " + t.name() + " names storage " + storage + ", which the archive lacks");
            } else if (previous != null) {
                reasons.add("storage " + storage + " is shared by " + previous + " and " + t.name());
            } else if (entry.size() != 4 * v.storageElements() || v.storageElements() != v.elements() || v.offset() != 0 || !contiguous(v)) {
                reasons.add("storage " + storage + " holds " + entry.size() + " bytes (" + v.storageElements() + " values); its tensor " + t.name()
                        + " uses " + v.elements() + " from offset " + v.offset() + " (an oversized or shared storage)");
            }
        }
        for (NamedTensor d : declared.tensors) {
            if (tensors.stream().noneMatch(t -> t.name().equals(d.name()))) {
                reasons.add("declared tensor " + d.name() + " is missing");
            }
        }
        attributes.forEach((name, value) -> {
            String expected = declared.attributes.get(name);
            if (expected == null) {
                reasons.add("attribute " + name + " is not declared (" + abbreviate(value) + ")");
            } else if (!expected.equals(value)) {
                reasons.add("attribute " + name + " is " + abbreviate(value) + ", declared " + abbreviate(expected));
            }
        });
        declared.attributes.keySet().stream().filter(a -> !attributes.containsKey(a)).forEach(a -> reasons.add("declared attribute " + a + " is missing"));
        for (Map.Entry<String, ZipLayout.Entry> e : entries.entrySet()) {
            String path = e.getKey();
            if (path.equals("data.pkl")) {
                continue;
            }
            if (path.startsWith("data/")) {
                if (!storageUser.containsKey(path)) {
                    reasons.add("storage " + path + " (" + e.getValue().size() + " bytes) is used by no tensor");
                }
                continue;
            }
            ZipLayout.Entry mine = e.getValue();
            ZipLayout.Entry theirs = declared.entries.get(path);
            if (theirs == null) {
                reasons.add("unknown entry " + path + " (" + mine.size() + " bytes): the declared module has no such file");
            } else if (!path.endsWith(".debug_pkl") && !Arrays.equals(zip.content(mine), declared.zip.content(theirs))) {
                reasons.add("entry " + path + " differs from the declared module's (its code, constants or format version)");
            }
        }
        declared.entries.keySet().stream().filter(p -> !p.startsWith("data/") && !entries.containsKey(p))
                .forEach(p -> reasons.add("entry " + p + " of the declared module is missing"));
        return reasons;
    }

    /** Bytes of debug information: not needed to run the module, so room for a payload; the capacity bound counts them. */
    public long debugBytes() {
        return entries.entrySet().stream().filter(e -> e.getKey().endsWith(".debug_pkl")).mapToLong(e -> e.getValue().size()).sum();
    }

    /** Each tensor's float32 values, in data.pkl's order (call after an audit without reasons). */
    public List<float[]> values() {
        List<float[]> out = new ArrayList<>();
        for (NamedTensor t : tensors) {
            ZipLayout.Entry e = storage(t);
            float[] v = new float[(int) (e.size() / 4)];
            ByteBuffer.wrap(zip.content(e)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            out.add(v);
        }
        return out;
    }

    /** A copy of the archive whose storages hold {@code values} (same order and sizes as {@link #values()}); every other byte kept. */
    public byte[] write(List<float[]> values) {
        if (values.size() != tensors.size()) {
            throw new IllegalArgumentException(values.size() + " tensors for " + tensors.size());
        }
        Map<ZipLayout.Entry, byte[]> replaced = new HashMap<>();
        for (int k = 0; k < values.size(); k++) {
            ZipLayout.Entry e = storage(tensors.get(k));
            if (e.size() != 4L * values.get(k).length || e.method() != 0) {
                throw new IllegalArgumentException(tensors.get(k).name() + " holds " + e.size() / 4 + " stored values, not " + values.get(k).length);
            }
            ByteBuffer b = ByteBuffer.allocate(values.get(k).length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values.get(k));
            replaced.put(e, b.array());
        }
        return zip.withContents(replaced);
    }

    private ZipLayout.Entry storage(NamedTensor t) {
        ZipLayout.Entry e = entries.get("data/" + t.tensor().storageKey());
        if (e == null) {
            throw new IllegalStateException("tensor " + t.name() + " has no storage");
        }
        return e;
    }

    private String text(String path, String absent) {
        ZipLayout.Entry e = entries.get(path);
        return e == null ? absent : new String(zip.content(e), StandardCharsets.UTF_8).trim();
    }

    private static boolean contiguous(TorchScriptPickle.Tensor t) {
        long expected = 1;
        for (int k = t.size().length - 1; k >= 0; k--) {
            if (t.size()[k] != 1 && t.stride()[k] != expected) {
                return false;
            }
            expected *= t.size()[k];
        }
        return true;
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
