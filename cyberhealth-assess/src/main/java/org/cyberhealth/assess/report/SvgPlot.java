package org.cyberhealth.assess.report;

import java.util.Locale;

/**
 * The parts every chart of a report shares: a self-contained SVG (no scripts, no fonts to fetch) of a
 * given size with a title, a framed plot area with margins, grid lines with their labels, curves in a
 * fixed palette and a legend to the right of the plot.
 */
final class SvgPlot {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
        "#bcbd22", "#7f7f7f"};

    final int left;
    final int top;
    final int plotWidth;
    final int plotHeight;
    private final int height;
    private final StringBuilder svg = new StringBuilder();

    SvgPlot(int width, int height, int left, int right, int top, int bottom, String title) {
        this.left = left;
        this.top = top;
        this.height = height;
        plotWidth = width - left - right;
        plotHeight = height - top - bottom;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", left, escape(title)));
    }

    static String colour(int index) {
        return COLOURS[index % COLOURS.length];
    }

    /** A vertical grid line at {@code x}, labelled below the plot. */
    void verticalGrid(double x, String label) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top, x, top + plotHeight, x, top + plotHeight + 16, escape(label)));
    }

    /** A horizontal grid line at {@code y}, labelled left of the plot. */
    void horizontalGrid(double y, String label) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", left, y, left + plotWidth, y, left - 6, y + 4, escape(label)));
    }

    /** The x axis' title, centred under the plot. */
    void xAxisTitle(String title) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", left + plotWidth / 2, height - 12, escape(title)));
    }

    /** The y axis' title, turned along the axis. */
    void yAxisTitle(String title) {
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                top + plotHeight / 2, escape(title)));
    }

    void frame() {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                left, top, plotWidth, plotHeight));
    }

    /** Raw SVG elements (marks particular to one chart). */
    void append(String elements) {
        svg.append(elements);
    }

    /** Curve number {@code index} through {@code points} ("x,y x,y ..."), with its legend entry. */
    void curve(int index, String points, String legend) {
        String colour = colour(index);
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", points.trim(), colour));
        int legendY = top + 10 + 20 * index;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                + "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotWidth + 12, legendY, left + plotWidth + 32, legendY, colour,
                left + plotWidth + 38, legendY + 4, escape(legend)));
    }

    String finish() {
        return svg.append("</svg>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
