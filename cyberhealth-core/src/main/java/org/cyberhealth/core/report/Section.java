package org.cyberhealth.core.report;

import java.util.List;

/**
 * One subject of a report (a threat, a defence): an identifier (for anchors and file names), a heading,
 * a rating with its one-line reason, and the content blocks in reading order.
 */
public record Section(String id, String heading, Rating rating, String ratingReason, List<Block> blocks) {

    public Section {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("a section id is lower-case letters, digits and hyphens: " + id);
        }
        blocks = List.copyOf(blocks);
    }

    /** How worried the reader should be. */
    public enum Rating {
        HIGH("high risk"),
        MEDIUM("medium risk"),
        LOW("low risk"),
        INFORMATION("information");

        private final String label;

        Rating(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
