package org.cyberhealth.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cyberhealth.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> sample() {
        byte[] pixels = new byte[2 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        ByteBuffer floats = ByteBuffer.allocate(5 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5; i++) {
            floats.putFloat(i * 0.25f - 1);
        }
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("train_images", Npz.npy("|u1", new long[] {2, 3, 4}, pixels));
        arrays.put("weights", Npz.npy("<f4", new long[] {5}, floats.array()));
        arrays.put("scalar", Npz.npy("<i4", new long[] {}, new byte[] {7, 0, 0, 0}));
        return arrays;
    }

    @Test
    void npyFilesAreAlignedAndReadBackByTheHeaderParser() throws IOException {
        for (Map.Entry<String, byte[]> a : sample().entrySet()) {
            byte[] file = a.getValue();
            NpyHeader header = NpyHeader.read(new ByteArrayInputStream(file), file.length, a.getKey());
            assertThat(header.byteLength() % 64).as(a.getKey()).isZero();
            assertThat(file[(int) header.byteLength() - 1]).isEqualTo((byte) '\n');
            assertThat(header.fortranOrder()).isFalse();
            assertThat(file.length - header.byteLength()).isEqualTo(header.items(1 << 20) * header.itemSize());
        }
        assertThat(NpyHeader.read(new ByteArrayInputStream(sample().get("weights")), 1000, "w").shape()).containsExactly(5);
        assertThatThrownBy(() -> Npz.npy("|u1", new long[] {2, 2}, new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Npz.npy("<c16", new long[] {1}, new byte[16])).isInstanceOf(BadInputException.class);
    }

    @Test
    void anArchiveRoundTripsBitForBitAndIsWrittenAtomically() throws IOException {
        Path out = dir.resolve("a.npz");
        Map<String, byte[]> arrays = sample();
        Npz.write(out, false, arrays);
        Map<String, byte[]> back = Npz.readRaw(out, 1 << 20);
        assertThat(back.keySet()).containsExactly("train_images", "weights", "scalar");
        for (String name : arrays.keySet()) {
            assertThat(back.get(name)).as(name).isEqualTo(arrays.get(name));
        }
        assertThatThrownBy(() -> Npz.write(out, false, arrays)).isInstanceOf(BadInputException.class);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.npz");
        }
    }

    @Test
    void readingIsBounded() throws IOException {
        Path out = dir.resolve("a.npz");
        Npz.write(out, false, sample());
        assertThatThrownBy(() -> Npz.readRaw(out, 100)).isInstanceOf(BadInputException.class).hasMessageContaining("too large");
        Path odd = dir.resolve("odd.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(odd))) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("hello".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Npz.readRaw(odd, 1 << 20)).isInstanceOf(BadInputException.class).hasMessageContaining("not an array");
        Files.writeString(dir.resolve("text.npz"), "not a zip");
        assertThatThrownBy(() -> Npz.readRaw(dir.resolve("text.npz"), 1 << 20)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> Npz.readRaw(dir.resolve("missing.npz"), 1 << 20)).isInstanceOf(BadInputException.class);
    }

    /** NumPy is the oracle: it loads what we write, and what it saves is byte for byte what we would write. */
    @Test
    void numpyReadsOurArchivesAndWritesTheSameNpyBytes() throws Exception {
        requireNumpy();
        Path ours = dir.resolve("ours.npz");
        Npz.write(ours, false, sample());
        String loaded = python("import numpy as np; d = np.load(r'" + ours + "');"
                + "print(d['train_images'].dtype, d['train_images'].shape, int(d['train_images'].astype(int).sum()));"
                + "print(d['weights'].dtype, d['weights'].tolist()); print(int(d['scalar']))");
        int sum = 0;
        for (int i = 0; i < 24; i++) {
            sum += (i * 37) & 0xFF;
        }
        assertThat(loaded).isEqualTo("uint8 (2, 3, 4) " + sum + "\nfloat32 [-1.0, -0.75, -0.5, -0.25, 0.0]\n7\n");
        Path theirs = dir.resolve("theirs.npz");
        python("import numpy as np; np.savez(r'" + theirs + "', train_images=(np.arange(24) * 37 % 256).astype(np.uint8).reshape(2, 3, 4),"
                + " weights=(np.arange(5) * 0.25 - 1).astype('<f4'), scalar=np.array(7, dtype='<i4'))");
        Map<String, byte[]> read = Npz.readRaw(theirs, 1 << 20);
        for (Map.Entry<String, byte[]> a : sample().entrySet()) {
            assertThat(read.get(a.getKey())).as(a.getKey()).isEqualTo(a.getValue());
        }
    }

    /** Skips without python3 and NumPy, except in CI (CI=true), where it fails: CI is expected to have the oracle. */
    private static void requireNumpy() {
        boolean present;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            present = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("python3 with NumPy is required in CI (the .npz oracle)");
        }
        assumeTrue(present, "python3 with NumPy is not available: the .npz oracle test is skipped");
    }

    private static String python(String code) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("python3", "-c", code)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
