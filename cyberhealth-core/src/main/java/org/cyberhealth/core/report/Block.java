package org.cyberhealth.core.report;

import java.util.List;

/** A piece of a report section's content. The text of every block is plain text, escaped when rendered. */
public sealed interface Block {

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {}

    /** A table: a header row and rows of cells (each row as long as the header). */
    record Table(String caption, List<String> header, List<List<String>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("a row of " + row.size() + " cells under a header of " + header.size());
                }
            }
        }
    }

    /**
     * A chart as SVG markup, made by the project's own chart code (never from input files): inlined in the
     * HTML and written beside it as {@code name}.
     */
    record Chart(String name, String caption, String svg) implements Block {
        public Chart {
            requireFileName(name, ".svg");
        }
    }

    /** A PNG picture (e.g. adversarial examples next to the originals), written beside the HTML as {@code name}. */
    record Picture(String name, String caption, byte[] png) implements Block {
        public Picture {
            requireFileName(name, ".png");
            png = png.clone();
        }

        @Override
        public byte[] png() {
            return png.clone();
        }
    }

    /** Named references to public catalogues (MITRE ATLAS, OWASP): a label and links. */
    record References(String label, List<Link> links) implements Block {
        public References {
            links = List.copyOf(links);
        }
    }

    /** A link with its visible text. Only http(s) links are allowed. */
    record Link(String text, String url) {
        public Link {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw new IllegalArgumentException("only http(s) links: " + url);
            }
        }
    }

    private static void requireFileName(String name, String extension) {
        if (!name.matches("[a-z0-9-]+\\" + extension)) {
            throw new IllegalArgumentException("a figure's file name is lower-case letters, digits and hyphens, ending " + extension + ": " + name);
        }
    }
}
