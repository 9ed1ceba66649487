package org.cyberhealth.assess.report;

import java.util.List;
import java.util.Locale;

/**
 * ROC curves of membership attacks on log-log axes, as Carlini et al. (S&P 2022) plot them so that the
 * low false-positive region, where an attack exposes individual patients, is visible: a small
 * self-contained SVG (no scripts, no fonts to fetch), in the style of {@link AccuracyCurveSvg}. Rates
 * of 0 sit on the axes' lower edge, which is the decade at or below the smallest non-zero rate the
 * data can show (1 / non-members), and at most 1e-3. The dashed diagonal is chance.
 */
public final class RocSvg {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 250;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    /** One curve: its legend and its points (false- and true-positive rates, from (0, 0) to (1, 1)). */
    public record Curve(String legend, double[] fpr, double[] tpr) {}

    private RocSvg() {}

    /** A chart of {@code curves}; {@code nonMembers} sets the lowest rate the axes show. */
    public static String render(String title, int nonMembers, List<Curve> curves) {
        int decades = Math.max(3, (int) Math.ceil(Math.log10(Math.max(1, nonMembers))));
        double lowest = Math.pow(10, -decades);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (int d = 0; d <= decades; d++) {
            double rate = Math.pow(10, -d);
            String label = d == 0 ? "1" : "1e-" + d;
            double x = x(rate, lowest, plotWidth);
            double y = y(rate, lowest, plotHeight);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, TOP + plotHeight, x, TOP + plotHeight + 16, label));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, label));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 4\"/>%n",
                LEFT, TOP + plotHeight, LEFT + plotWidth, TOP));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">false-positive rate</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 12));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">true-positive rate</text>%n",
                TOP + plotHeight / 2));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                LEFT, TOP, plotWidth, plotHeight));
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            String colour = COLOURS[c % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < curve.fpr().length; k++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(curve.fpr()[k], lowest, plotWidth), y(curve.tpr()[k], lowest, plotHeight)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    points.toString().trim(), colour));
            int legendY = TOP + 10 + 20 * c;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 12, legendY, LEFT + plotWidth + 32, legendY, colour,
                    LEFT + plotWidth + 38, legendY + 4, escape(curve.legend())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double rate, double lowest, int plotWidth) {
        return LEFT + plotWidth * position(rate, lowest);
    }

    private static double y(double rate, double lowest, int plotHeight) {
        return TOP + plotHeight * (1 - position(rate, lowest));
    }

    /** Where {@code rate} lies between {@code lowest} (0) and 1 (1) on a log scale; 0 and below sit on the edge. */
    private static double position(double rate, double lowest) {
        return rate <= lowest ? 0 : Math.log(rate / lowest) / Math.log(1 / lowest);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
