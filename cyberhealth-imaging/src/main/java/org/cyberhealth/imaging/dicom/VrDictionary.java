package org.cyberhealth.imaging.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tag to VR, for reading implicit VR data and transcoding it to explicit VR. The table is the resource
 * {@code dicom-vr.dict}, generated from the DICOM PS3.6 data dictionary (via pydicom, see the script
 * {@code cyberhealth-imaging/tools/generate_dicom_vr_dictionary.py}). Unknown and private tags are UN,
 * except private creators (gggg,0010-00FF), which are LO, and group lengths, which are UL (PS3.5 7.2, 7.8.1).
 */
final class VrDictionary {

    private static final VrDictionary STANDARD = load("dicom-vr.dict");

    private final Map<Integer, Vr[]> exact;
    private final List<int[]> masks;
    private final List<Vr[]> maskVrs;

    private VrDictionary(Map<Integer, Vr[]> exact, List<int[]> masks, List<Vr[]> maskVrs) {
        this.exact = exact;
        this.masks = masks;
        this.maskVrs = maskVrs;
    }

    static VrDictionary standard() {
        return STANDARD;
    }

    /**
     * The VR of {@code tag}; where the dictionary allows several (US or SS, OB or OW), the one that Bits
     * Allocated and Pixel Representation of the enclosing data set select.
     */
    Vr vrOf(int tag, int bitsAllocated, int pixelRepresentation) {
        Vr[] choices = candidates(tag);
        if (choices == null) {
            return fallback(tag);
        }
        if (choices.length == 1) {
            return choices[0];
        }
        for (Vr choice : choices) {
            if ((choice == Vr.SS && pixelRepresentation == 1) || (choice == Vr.OB && bitsAllocated <= 8)) {
                return choice;
            }
        }
        for (Vr choice : choices) {
            if (choice == Vr.US || choice == Vr.OW) {
                return choice;
            }
        }
        return choices[0];
    }

    private Vr[] candidates(int tag) {
        Vr[] known = exact.get(tag);
        if (known != null) {
            return known;
        }
        for (int i = 0; i < masks.size(); i++) {
            if ((tag & masks.get(i)[0]) == masks.get(i)[1]) {
                return maskVrs.get(i);
            }
        }
        return null;
    }

    private static Vr fallback(int tag) {
        if (Tag.isGroupLength(tag)) {
            return Vr.UL;
        }
        boolean privateGroup = (Tag.group(tag) & 1) == 1;
        if (privateGroup && Tag.element(tag) >= 0x10 && Tag.element(tag) <= 0xFF) {
            return Vr.LO;
        }
        return Vr.UN;
    }

    private static VrDictionary load(String resource) {
        Map<Integer, Vr[]> exact = new HashMap<>();
        List<int[]> masks = new ArrayList<>();
        List<Vr[]> maskVrs = new ArrayList<>();
        try (InputStream in = VrDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, 8);
                String[] names = line.substring(9).split("\\|");
                Vr[] vrs = new Vr[names.length];
                for (int i = 0; i < names.length; i++) {
                    vrs[i] = Vr.valueOf(names[i]);
                }
                if (key.indexOf('x') < 0) {
                    exact.put((int) Long.parseLong(key, 16), vrs);
                } else {
                    int mask = (int) Long.parseLong(key.replaceAll("[0-9A-F]", "F").replace('x', '0'), 16);
                    int pattern = (int) Long.parseLong(key.replace('x', '0'), 16);
                    masks.add(new int[] {mask, pattern});
                    maskVrs.add(vrs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VrDictionary(exact, masks, maskVrs);
    }
}
