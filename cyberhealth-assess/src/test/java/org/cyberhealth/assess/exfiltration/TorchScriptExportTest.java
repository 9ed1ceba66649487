package org.cyberhealth.assess.exfiltration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.ml.model.DjlSegmenter;
import org.cyberhealth.ml.model.ReferenceSegmenter;
import org.cyberhealth.ml.model.SegmenterFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway on TorchScript exports: the committed abdomen-seg-torch.pt as the declaration, fixtures from make_gateway_fixtures.py. */
class TorchScriptExportTest {

    private static final Path TORCH = Path.of("../models/torch");
    private static final DeclaredTask TASK = DeclaredTask.read(TORCH.resolve("abdomen-seg-torch.pt.json"));

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(TORCH.resolve(name));
    }

    private static ExportGateway.Verdict check(byte[] export, Sanitiser sanitiser) {
        return ExportGateway.checkTorchScript(export, TASK, ExportGateway.Policy.standard(), sanitiser);
    }

    @Test
    void theHonestModuleIsReadTensorByTensorAndRewrittenBitForBit() throws IOException {
        byte[] honest = file("abdomen-seg-torch.pt");
        TorchScriptExport module = TorchScriptExport.read(honest);
        assertThat(module.tensors().stream().map(TorchScriptExport.NamedTensor::name))
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(module.tensors().get(2).tensor().size()).containsExactly(8, 8, 3, 3);
        assertThat(module.audit(module)).isEmpty();
        assertThat(module.write(module.values())).isEqualTo(honest);
        ExportGateway.Verdict v = check(honest, null);
        assertThat(v.pass()).as(String.join("; ", v.reasons())).isTrue();
        // 72 + 8 + 576 + 8 + 40 + 5 = 709 weights x 16 free bits, plus the debug information's bytes x 8.
        assertThat(v.capacity().weights()).isEqualTo(709);
        assertThat(v.capacity().capacityBits()).isEqualTo(709 * 16 + 8 * module.debugBytes());
    }

    @Test
    void anExtraFileAndAnUndeclaredBufferAreRefusedByName() throws IOException {
        ExportGateway.Verdict file = check(file("gateway-extra-file.pt"), null);
        assertThat(file.pass()).isFalse();
        assertThat(file.structure()).contains("unknown entry extra/codes.bin (4096 bytes): the declared module has no such file");
        ExportGateway.Verdict tensor = check(file("gateway-extra-tensor.pt"), Sanitiser.parse("bf16"));
        assertThat(tensor.pass()).isFalse();
        assertThat(tensor.output()).isNull();
        assertThat(String.join("; ", tensor.structure())).contains("tensor aux_codes [1000] is not declared")
                .contains("entry code/__torch__/torch/nn/modules/container.py differs from the declared module");
    }

    @Test
    void unusedOrOversizedStoragesAndBytesOutsideTheEntriesAreRefused() throws IOException {
        byte[] honest = file("abdomen-seg-torch.pt");
        byte[] unused = rezip(honest, (name, data) -> data, "abdomen-seg-torch/data/9", new byte[400]);
        assertThat(check(unused, null).structure()).contains("storage data/9 (400 bytes) is used by no tensor");
        byte[] oversized = rezip(honest, (name, data) -> name.endsWith("data/4") ? Arrays.copyOf(data, data.length + 64) : data, null, null);
        assertThat(String.join("; ", check(oversized, null).structure())).contains("storage data/4 holds 224 bytes (40 values)");
        // A re-zipped honest module (no alignment padding, other headers) still passes: the layout is read, not pinned.
        assertThat(check(rezip(honest, (name, data) -> data, null, null), null).pass()).isTrue();
        byte[] gap = rezip(honest, (name, data) -> data, null, null);
        // Bytes hidden between the last entry and the central directory: moved by hand, offsets fixed.
        byte[] hidden = insertBeforeCentralDirectory(gap, new byte[100]);
        assertThat(String.join("; ", check(hidden, null).structure())).contains("100 bytes before the central directory");
    }

    @Test
    void hostileArchivesAreBadInputWithTheReason() throws IOException {
        byte[] honest = file("abdomen-seg-torch.pt");
        assertThatThrownBy(() -> check(Arrays.copyOf(honest, honest.length - 30), null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a TorchScript archive");
        byte[] huge = honest.clone();
        ByteBuffer b = ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN);
        int central = b.getInt(lastIndexOf(huge, new byte[] {'P', 'K', 5, 6}) + 16);
        b.putInt(central + 24, Integer.MAX_VALUE);
        assertThatThrownBy(() -> check(huge, null)).isInstanceOf(BadInputException.class).hasMessageContaining("beyond the limits");
        // A module that is its own child (memo 0 recalled inside its own state): refused, not a stack overflow.
        byte[] cyclic = rezip(honest, (name, data) -> name.endsWith("data.pkl") ? new byte[] {(byte) 0x80, 2, 'c', 'a', '\n', 'M', '\n', 'q', 0,
                ')', (byte) 0x81, 'q', 1, '}', 'X', 1, 0, 0, 0, 's', 'h', 1, 's', 'b', '.'} : data, null, null);
        assertThatThrownBy(() -> check(cyclic, null)).isInstanceOf(BadInputException.class).hasMessageContaining("deeper than 64");
        byte[] notPickle = rezip(honest, (name, data) -> name.endsWith("data.pkl") ? new byte[] {(byte) 0x80, 2, 'c', 'o', 's'} : data, null, null);
        assertThatThrownBy(() -> check(notPickle, null)).isInstanceOf(BadInputException.class).hasMessageContaining("data.pkl");
    }

    @Test
    void aSanitisedModuleLoadsInPyTorchAndSegmentsAsBefore(@TempDir Path dir) throws IOException {
        byte[] honest = file("abdomen-seg-torch.pt");
        ExportGateway.Verdict v = check(honest, Sanitiser.parse("bf16"));
        assertThat(v.pass()).as(String.join("; ", v.reasons())).isTrue();
        assertThat(v.output()).hasSameSizeAs(honest).isNotEqualTo(honest);
        TorchScriptExport cleared = TorchScriptExport.read(v.output());
        assertThat(cleared.audit(TorchScriptExport.read(honest))).isEmpty();
        for (float[] tensor : cleared.values()) {
            for (float w : tensor) {
                assertThat(Float.floatToRawIntBits(w) & 0xffff).isZero();
            }
        }
        Files.write(dir.resolve("cleared.pt"), v.output());
        Files.writeString(dir.resolve("cleared.json"), Files.readString(TORCH.resolve("abdomen-seg-torch.pt.json"))
                .replace("\"abdomen-seg-torch.pt\"", "\"cleared.pt\""));
        float[][] images = ReferenceSegmenter.ABDOMEN_UNET.data(Path.of("../samples/segmentation")).test().images();
        try (DjlSegmenter before = SegmenterFile.read(TORCH.resolve("abdomen-seg-torch.pt.json")).open();
             DjlSegmenter after = SegmenterFile.read(dir.resolve("cleared.json")).open()) {
            int[][] a = before.predictMasks(images);
            int[][] c = after.predictMasks(images);
            long same = 0;
            long all = 0;
            for (int i = 0; i < a.length; i++) {
                for (int p = 0; p < a[i].length; p++) {
                    same += a[i][p] == c[i][p] ? 1 : 0;
                    all++;
                }
            }
            // Rounding to bfloat16 moves each weight by at most 2^-8 of itself: a pixel whose two best logits were that close flips.
            assertThat((double) same / all).isGreaterThan(0.99);
        }
    }

    /** The archive's entries written again by java.util.zip (stored), each transformed, optionally with one more entry. */
    private static byte[] rezip(byte[] archive, BiFunction<String, byte[], byte[]> transform, String extraName, byte[] extra) throws IOException {
        ZipLayout layout = ZipLayout.read(archive);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipLayout.Entry e : layout.entries()) {
                put(out, e.name(), transform.apply(e.name(), layout.content(e)));
            }
            if (extraName != null) {
                put(out, extraName, extra);
            }
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }

    private static byte[] insertBeforeCentralDirectory(byte[] zip, byte[] filler) {
        int eocd = lastIndexOf(zip, new byte[] {'P', 'K', 5, 6});
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int central = b.getInt(eocd + 16);
        byte[] out = new byte[zip.length + filler.length];
        System.arraycopy(zip, 0, out, 0, central);
        System.arraycopy(filler, 0, out, central, filler.length);
        System.arraycopy(zip, central, out, central + filler.length, zip.length - central);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(eocd + filler.length + 16, central + filler.length);
        return out;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int at = data.length - pattern.length; at >= 0; at--) {
            if (Arrays.equals(data, at, at + pattern.length, pattern, 0, pattern.length)) {
                return at;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
