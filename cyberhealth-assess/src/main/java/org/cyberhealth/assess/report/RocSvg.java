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
        SvgPlot plot = new SvgPlot(WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, title);
        for (int d = 0; d <= decades; d++) {
            double rate = Math.pow(10, -d);
            String label = d == 0 ? "1" : "1e-" + d;
            plot.verticalGrid(x(plot, rate, lowest), label);
            plot.horizontalGrid(y(plot, rate, lowest), label);
        }
        plot.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 4\"/>%n",
                LEFT, TOP + plot.plotHeight, LEFT + plot.plotWidth, TOP));
        plot.xAxisTitle("false-positive rate");
        plot.yAxisTitle("true-positive rate");
        plot.frame();
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            StringBuilder points = new StringBuilder();
            for (int k = 0; k < curve.fpr().length; k++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(plot, curve.fpr()[k], lowest), y(plot, curve.tpr()[k], lowest)));
            }
            plot.curve(c, points.toString(), curve.legend());
        }
        return plot.finish();
    }

    private static double x(SvgPlot plot, double rate, double lowest) {
        return plot.left + plot.plotWidth * position(rate, lowest);
    }

    private static double y(SvgPlot plot, double rate, double lowest) {
        return plot.top + plot.plotHeight * (1 - position(rate, lowest));
    }

    /** Where {@code rate} lies between {@code lowest} (0) and 1 (1) on a log scale; 0 and below sit on the edge. */
    private static double position(double rate, double lowest) {
        return rate <= lowest ? 0 : Math.log(rate / lowest) / Math.log(1 / lowest);
    }
}
