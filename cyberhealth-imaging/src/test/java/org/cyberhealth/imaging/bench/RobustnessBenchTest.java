package org.cyberhealth.imaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;

class RobustnessBenchTest {

    @Test
    void measuresEveryAttackAndRendersATable() {
        byte[] key = new byte[32];
        new Random(5).nextBytes(key);
        Raster eightBit = texture(128, 0, 255);
        Raster twelveBit = texture(128, 0, 4095);

        List<RobustnessBench.Row> rows = new RobustnessBench(key, 42).run(List.of(
                RobustnessBench.Subject.plain("texture8", eightBit),
                RobustnessBench.Subject.ct("texture12", twelveBit, -1024)));

        // 8-bit: two schemes, none + 8 JPEG qualities + 4 noise levels; 12-bit CT: three schemes (the
        // rehearsed, strong mark too), none + 4 noise + 4 windows x (alone, + JPEG).
        assertThat(rows).hasSize(2 * 13 + 3 * 13);
        assertThat(rows).allSatisfy(row -> assertThat(row.restoredExactly()).isTrue());
        assertThat(rows.get(0).attack()).isEqualTo("none");
        assertThat(rows.get(0).bitErrors()).isZero();
        assertThat(rows.get(0).psnr()).isGreaterThan(40).isLessThan(70);
        assertThat(rows.get(0).scheme()).isEqualTo("informed-block-patchwork");
        assertThat(rows.get(13).scheme()).isEqualTo("circular-2003");
        assertThat(rows.get(34).attack()).isEqualTo("window W2000 L40 HU + jpeg q75");
        assertThat(rows.get(36).attack()).isEqualTo("window min-max + jpeg q75");
        assertThat(rows.get(39).scheme()).isEqualTo("informed-block-patchwork, strong");
        assertThat(rows.get(39).psnr()).isLessThan(rows.get(26).psnr());
        assertThat(rows.get(52).scheme()).isEqualTo("circular-2003");
        assertThat(rows.get(64).attack()).isEqualTo("window stored range + jpeg q75");
        String table = RobustnessBench.markdown(rows);
        assertThat(table).startsWith("| scheme | image | attack |")
                .contains("| informed-block-patchwork | texture12 | window W400 L40 HU + jpeg q75 |");
        assertThat(table.lines()).hasSize(2 + rows.size());
    }

    private static Raster texture(int size, int min, int max) {
        Random random = new Random(size + max);
        Raster raster = Raster.blank(size, size, min, max);
        for (int i = 0; i < raster.size(); i++) {
            double smooth = 0.5 + 0.25 * Math.sin(i % size / 9.0) * Math.cos(i / size / 13.0);
            raster.samples()[i] = (int) Math.round(min + (max - min) * (smooth + 0.03 * random.nextGaussian()));
            raster.samples()[i] = Math.max(min, Math.min(max, raster.samples()[i]));
        }
        return raster;
    }
}
