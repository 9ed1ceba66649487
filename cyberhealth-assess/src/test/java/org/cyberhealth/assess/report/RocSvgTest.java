package org.cyberhealth.assess.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RocSvgTest {

    @Test
    void curvesStayInsideThePlotOnLogLogAxesWithZeroRatesOnTheLowerEdge() {
        RocSvg.Curve a = new RocSvg.Curve("A & B", new double[] {0, 0, 0.001, 0.01, 1}, new double[] {0, 0.01, 0.05, 0.2, 1});
        RocSvg.Curve b = new RocSvg.Curve("chance-like", new double[] {0, 0.5, 1}, new double[] {0, 0.5, 1});
        String svg = RocSvg.render("t", 2000, List.of(a, b));
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("A &amp; B").contains(">1e-4<").doesNotContain(">1e-5<");
        Matcher polylines = Pattern.compile("<polyline points=\"([^\"]+)\"").matcher(svg);
        int count = 0;
        while (polylines.find()) {
            count++;
            for (String point : polylines.group(1).split(" ")) {
                double x = Double.parseDouble(point.split(",")[0]);
                double y = Double.parseDouble(point.split(",")[1]);
                // Plot box: x from 60 to 390, y from 40 to 370.
                assertThat(x).isBetween(60.0, 390.0);
                assertThat(y).isBetween(40.0, 370.0);
            }
        }
        assertThat(count).isEqualTo(2);
        // (0, 0) sits in the lower-left corner, (1, 1) in the upper-right one; (0.01, 0.2) at 2 and 3.30 of 4 decades.
        assertThat(svg).contains("points=\"60.0,370.0 ").contains("390.0,40.0\"").contains("225.0,97.7");
    }
}
