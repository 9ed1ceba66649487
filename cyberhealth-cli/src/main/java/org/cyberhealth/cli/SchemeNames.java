package org.cyberhealth.cli;

import java.util.Iterator;
import org.cyberhealth.imaging.watermark.WatermarkSchemes;

/** The reversible schemes' names, for picocli's help text and shell completion. */
final class SchemeNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return WatermarkSchemes.names().iterator();
    }
}
