package org.cyberhealth.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentationSlicesTest {

    @Test
    void ctSlicesAreWindowedIntoTheUnitRangeWithTheirMasksAndPositions() {
        SegmentationSlices ct = SegmentationSample.ABDOMEN_CT.slices(NiftiTest.SAMPLES, 64);
        assertThat(ct.size()).isEqualTo(30);
        assertThat(ct.classes()).containsExactly("background", "liver", "spleen", "kidneys", "stomach");
        assertThat(ct.positions()[0]).isEqualTo(82);
        assertThat(ct.positions()[29]).isEqualTo(111);
        for (float[] image : ct.images()) {
            for (float v : image) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
        long[] pixels = ct.classPixels();
        for (int c = 1; c < pixels.length; c++) {
            assertThat(pixels[c]).as(ct.classes().get(c)).isGreaterThan(400);
        }
    }

    @Test
    void masksLieWhereTheIntensitiesSayTheOrgansAre() {
        SegmentationSlices ct = SegmentationSample.ABDOMEN_CT.slices(NiftiTest.SAMPLES, 64);
        // Liver, spleen, kidneys: soft tissue; with the partial volume of 64 x 64 pixels their means lie within
        // -10..90 HU (0.35-0.60 of the -150..250 HU window; kidneys lowest, unenhanced) and the
        // background holds air, fat and bone, far more spread.
        for (int organ = 1; organ <= 3; organ++) {
            double[] stats = stats(ct, organ);
            assertThat(stats[0]).as(ct.classes().get(organ) + " mean").isBetween(0.35, 0.60);
            assertThat(stats[1]).as(ct.classes().get(organ) + " deviation").isLessThan(0.1);
        }
        assertThat(stats(ct, 0)[1]).isGreaterThan(0.15);
        // The same volumes read with the mask on the CT's first 30 slices (the header's claim) disagree.
        Nifti.Volume image = Nifti.read(NiftiTest.SAMPLES.resolve("example_ct.nii.gz"));
        Nifti.Volume labels = Nifti.read(NiftiTest.SAMPLES.resolve("example_seg.nii.gz"));
        SegmentationSlices misplaced = SliceCutter.cut("misplaced", image, labels, 0, SegmentationSample.ORGANS,
                new SliceCutter.Window(-150, 250), 64);
        assertThat(stats(misplaced, 1)[1]).isGreaterThan(0.2);
    }

    @Test
    void theSplitHoldsOutEveryFifthSliceWithEveryOrganOnBothSides() {
        SegmentationSlices.Split split = SegmentationSample.ABDOMEN_CT.slices(NiftiTest.SAMPLES, 64).splitEvery(5);
        assertThat(split.test().positions()).containsExactly(82, 87, 92, 97, 102, 107);
        assertThat(split.train().size()).isEqualTo(24);
        for (long count : split.test().classPixels()) {
            assertThat(count).isGreaterThan(50);
        }
    }

    @Test
    void mrSlicesCarryTheSameOrgansFromTheMrLabelMap() {
        SegmentationSlices mr = SegmentationSample.ABDOMEN_MR.slices(NiftiTest.SAMPLES, 64);
        assertThat(mr.size()).isEqualTo(20);
        long[] pixels = mr.classPixels();
        for (int c = 1; c < pixels.length; c++) {
            assertThat(pixels[c]).as(mr.classes().get(c)).isGreaterThan(100);
        }
    }

    /** Mean and deviation of the intensities of class {@code c}'s pixels over all slices. */
    private static double[] stats(SegmentationSlices s, int c) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int p = 0; p < s.pixels(); p++) {
                if (s.masks()[i][p] == c) {
                    sum += s.images()[i][p];
                    squares += s.images()[i][p] * s.images()[i][p];
                    n++;
                }
            }
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(squares / n - mean * mean)};
    }
}
