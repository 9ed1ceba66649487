package org.cyberhealth.assess.report;

import java.util.List;
import java.util.Locale;

/**
 * Accuracy against the attack budget as a small self-contained SVG line chart (no scripts, no fonts to
 * fetch), so that a benchmark or a report can show the curves of several attacks side by side.
 */
public final class AccuracyCurveSvg {

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
        // The legend's column grows with the longest name (about 7 px a character at 12 px), so no name is cut.
        int longest = series.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        int right = Math.max(RIGHT, 44 + 7 * longest);
        SvgPlot plot = new SvgPlot(WIDTH - RIGHT + right, HEIGHT, LEFT, right, TOP, BOTTOM, title);
        for (int tick = 0; tick <= 100; tick += 20) {
            plot.horizontalGrid(TOP + plot.plotHeight * (1 - tick / 100.0), tick + "%");
        }
        for (int i = 0; i < eps.length; i++) {
            plot.verticalGrid(LEFT + plot.plotWidth * eps[i] / maxEps, epsLabels[i]);
        }
        plot.xAxisTitle(xAxis);
        plot.frame();
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < eps.length; i++) {
                double x = LEFT + plot.plotWidth * eps[i] / maxEps;
                double y = TOP + plot.plotHeight * (1 - series.get(s).accuracy()[i]);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                plot.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, SvgPlot.colour(s)));
            }
            plot.curve(s, points.toString(), series.get(s).name());
        }
        return plot.finish();
    }
}
