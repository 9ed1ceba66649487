package org.cyberhealth.assess.report;

import java.util.List;
import java.util.Locale;

/**
 * Accuracy against the attack budget as a small self-contained SVG line chart (no scripts, no fonts to
 * fetch), so that a benchmark or a report can show the curves of several attacks side by side.
 */
public final class AccuracyCurveSvg {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 560;
    private static final int HEIGHT = 340;
    private static final int LEFT = 60;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One curve: its name and accuracy (0 to 1) at each budget. */
    public record Series(String name, double[] accuracy) {}

    private AccuracyCurveSvg() {}

    /** A chart of {@code series} over the budgets {@code eps}, labelled with {@code epsLabels} on the x axis. */
    public static String render(String title, String xAxis, double[] eps, String[] epsLabels, List<Series> series) {
        double maxEps = eps[eps.length - 1];
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (int tick = 0; tick <= 100; tick += 20) {
            double y = TOP + plotHeight * (1 - tick / 100.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>%n", LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, tick));
        }
        for (int i = 0; i < eps.length; i++) {
            double x = LEFT + plotWidth * eps[i] / maxEps;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, TOP + plotHeight, x, TOP + plotHeight + 16, escape(epsLabels[i])));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotWidth / 2, HEIGHT - 12, escape(xAxis)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP, plotWidth, plotHeight));
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < eps.length; i++) {
                double x = LEFT + plotWidth * eps[i] / maxEps;
                double y = TOP + plotHeight * (1 - series.get(s).accuracy()[i]);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", points.toString().trim(), colour));
            int legendY = TOP + 10 + 20 * s;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 12, legendY, LEFT + plotWidth + 32, legendY, colour,
                    LEFT + plotWidth + 38, legendY + 4, escape(series.get(s).name())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
