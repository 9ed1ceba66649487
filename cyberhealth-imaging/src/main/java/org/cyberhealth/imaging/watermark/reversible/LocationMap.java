package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.bits.Bits;

/**
 * The compressed location map of the overflow/underflow handling: one flag for each visited pixel
 * whose marked value is ambiguous (1 = left unchanged because it would leave the legal range,
 * 0 = modified). Written as a count followed by either the raw flags or their run lengths, whichever is
 * shorter; both codes are Elias gamma based so that the usual empty map costs a single bit.
 */
final class LocationMap {

    private LocationMap() {
    }

    static void write(Bits flags, Bits out) {
        int n = flags.length();
        BitReader.gamma(out, n + 1);
        if (n == 0) {
            return;
        }
        Bits runs = runLengths(flags);
        if (runs.length() < n) {
            out.append(true);
            out.append(runs);
        } else {
            out.append(false);
            out.append(flags);
        }
    }

    static Bits read(BitReader in, int maxFlags) {
        int n = in.gamma() - 1;
        if (n > maxFlags) {
            throw new ExtractionException("no valid reversible watermark: location map longer than the region");
        }
        Bits flags = new Bits(Math.max(1, n));
        if (n == 0) {
            return flags;
        }
        if (in.bit() == 0) {
            for (int i = 0; i < n; i++) {
                flags.append(in.bit() == 1);
            }
            return flags;
        }
        boolean value = in.bit() == 1;
        while (flags.length() < n) {
            int run = in.gamma();
            if (run > n - flags.length()) {
                throw new ExtractionException("no valid reversible watermark: malformed location map");
            }
            for (int i = 0; i < run; i++) {
                flags.append(value);
            }
            value = !value;
        }
        return flags;
    }

    private static Bits runLengths(Bits flags) {
        Bits out = new Bits();
        out.append(flags.get(0));
        int run = 1;
        for (int i = 1; i < flags.length(); i++) {
            if (flags.get(i) == flags.get(i - 1)) {
                run++;
            } else {
                BitReader.gamma(out, run);
                run = 1;
            }
        }
        BitReader.gamma(out, run);
        return out;
    }
}
