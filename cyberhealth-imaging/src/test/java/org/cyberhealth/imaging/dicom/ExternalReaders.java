package org.cyberhealth.imaging.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cyberhealth.imaging.Raster;

/**
 * Runs dcmtk's dcmdump and pydicom over written files: dcmdump must report no error or warning lines,
 * and pydicom's pixel_array (reordered to frame, channel, row, column, masked to Bits Stored and
 * sign-extended) must hash to the same SHA-256 as our raster's samples as little endian int32.
 */
final class ExternalReaders {

    private static final String PYDICOM_SCRIPT = String.join("\n",
            "import hashlib, sys, warnings",
            "warnings.simplefilter('ignore')",
            "import numpy as np, pydicom",
            "for path in sys.argv[1:]:",
            "    ds = pydicom.dcmread(path)",
            "    frames = int(ds.get('NumberOfFrames', 1) or 1)",
            "    spp = int(ds.SamplesPerPixel)",
            "    a = ds.pixel_array.reshape(frames, ds.Rows, ds.Columns, spp).transpose(0, 3, 1, 2).astype(np.int64)",
            "    bits = int(ds.BitsStored)",
            "    a &= (1 << bits) - 1",
            "    if int(ds.PixelRepresentation) == 1:",
            "        a = np.where(a >= (1 << (bits - 1)), a - (1 << bits), a)",
            "    print(path, hashlib.sha256(a.astype('<i4').tobytes()).hexdigest())",
            "");

    private ExternalReaders() {
    }

    static void requireTools() {
        ExternalTools.requireTool("dcmtk dcmdump", "dcmdump", "--version");
        ExternalTools.requireTool("/usr/bin/python3 with pydicom and numpy", "/usr/bin/python3", "-c", "import pydicom, numpy");
    }

    /** Problems found by dcmdump (its E:/W: lines) in {@code files}, one per line. */
    static List<String> dcmdumpComplaints(List<Path> files) throws IOException, InterruptedException {
        List<String> complaints = new ArrayList<>();
        List<String> all = new ArrayList<>(List.of("dcmdump"));
        files.forEach(file -> all.add(file.toString()));
        if (complaintLines(run(all)).isEmpty()) {
            return complaints;
        }
        for (Path file : files) {
            for (String line : complaintLines(run(List.of("dcmdump", file.toString())))) {
                complaints.add(file.getFileName() + ": " + line);
            }
        }
        return complaints;
    }

    private static List<String> complaintLines(String output) {
        return java.util.Arrays.stream(output.split("\n")).filter(line -> line.startsWith("E:") || line.startsWith("W:")).toList();
    }

    /** pydicom's pixel hash for each file. */
    static Map<Path, String> pydicomHashes(List<Path> files, Path workFolder) throws IOException, InterruptedException {
        Path script = workFolder.resolve("pixel_hash.py");
        Files.writeString(script, PYDICOM_SCRIPT, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        files.forEach(file -> command.add(file.toString()));
        Map<Path, String> hashes = new HashMap<>();
        for (String line : run(command).split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space > 0 && line.length() - space == 65) {
                hashes.put(Path.of(line.substring(0, space)), line.substring(space + 1));
            }
        }
        return hashes;
    }

    static String hash(Raster raster) {
        ByteBuffer buffer = ByteBuffer.allocate(raster.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(raster.samples());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command.get(0));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
