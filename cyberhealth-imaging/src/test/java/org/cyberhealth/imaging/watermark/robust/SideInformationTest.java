package org.cyberhealth.imaging.watermark.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.api.Test;

/**
 * The two codings of the zones the mark left unmarked: by flags over the zones in doubt, which a dark
 * picture whose gray levels run on from its background needs far fewer bits for, and by number, which
 * containers up to version 3 hold and which stays the shorter where few zones in doubt were left
 * unmarked; a bit says which.
 */
class SideInformationTest {

    private static final Bits MESSAGE = new Bits().append(0x9E3779B97F4A7C15L, 64);

    @Test
    void aDarkPictureNamesItsUnmarkedZonesByFlagsInFewerBitsAndIsRestoredExactly() {
        Raster original = TestPictures.darkWithNoisyBackground(512, 5);
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(TestPictures.key(3), marked);

        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        assertThat(side.get(0)).as("coded by flags").isTrue();
        assertThat(mark.decoded(marked, Region.whole(marked), MESSAGE.length(), side, RobustMark.SideCoding.NUMBERS_OR_FLAGS)
                .ambiguousSkippedZones()).hasSizeGreaterThan(30);
        assertThat(side.length()).isLessThan(renumbered(mark, marked, Region.whole(marked), side).length() * 2 / 3);
        mark.remove(marked, Region.whole(marked), MESSAGE, side);
        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void sideInformationCodedByNumberAsOlderContainersHoldItStillRestoresExactly() {
        Raster original = TestPictures.darkWithNoisyBackground(256, 8);
        Raster marked = original.copy();
        RobustMark mark = RobustMark.forRaster(TestPictures.key(4), marked);
        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);

        mark.remove(marked, Region.whole(marked), MESSAGE, renumbered(mark, marked, Region.whole(marked), side), RobustMark.SideCoding.NUMBERS);

        assertThat(marked.sameAs(original)).isTrue();
    }

    @Test
    void fewZonesLeftUnmarkedAmongManyInDoubtAreNamedByNumberAndManyByFlags() {
        // 2 listed: numbered without looking for the zones in doubt; 17 spread over 1000 in doubt: numbers
        // are shorter; 500 of them: flags
        Raster raster = Raster.blank(256, 256, 0, 255);
        int[] inDoubt = java.util.stream.IntStream.range(100, 1100).toArray();
        int[] everyOther = java.util.stream.IntStream.range(0, 500).map(i -> 100 + 2 * i).toArray();
        BitStrength[] strengths = {new BitStrength(0, 1), new BitStrength(3, 0), new BitStrength(1, 3)};
        int[] seventeen = java.util.stream.IntStream.range(0, 17).map(i -> 100 + 59 * i).toArray();
        for (int[] listed : new int[][] {{107, 880}, seventeen, everyOther}) {
            SideInformation side = new SideInformation(strengths, new Guards(4, 250), listed);

            Bits coded = side.encode(raster, 4096, () -> inDoubt);
            SideInformation read = SideInformation.decode(coded, strengths.length, 4096, raster, (guards, s) -> inDoubt);

            assertThat(coded.get(0)).as("coded by flags").isEqualTo(listed == everyOther);
            assertThat(coded.length()).isLessThanOrEqualTo(1 + side.encodeNumbering(raster, 4096).length());
            assertThat(read.ambiguousSkippedZones()).containsExactly(listed);
            assertThat(read.guards()).isEqualTo(side.guards());
            assertThat(read.strengths()).containsExactly(strengths);
        }
    }

    @Test
    void flagsThatDoNotMatchTheZonesInDoubtAreRefusedAndNothingChanges() {
        Raster marked = TestPictures.darkWithNoisyBackground(512, 9);
        RobustMark mark = RobustMark.forRaster(TestPictures.key(6), marked);
        Bits side = mark.embed(marked, Region.whole(marked), MESSAGE);
        Raster before = marked.copy();
        assertThat(side.get(0)).as("coded by flags").isTrue();

        assertThatThrownBy(() -> mark.remove(marked, Region.whole(marked), MESSAGE, side.slice(0, side.length() - 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("zones in doubt");
        assertThatThrownBy(() -> mark.remove(marked, Region.whole(marked), MESSAGE, new Bits(0)))
                .isInstanceOf(BadInputException.class);
        assertThat(marked.sameAs(before)).isTrue();
    }

    /** {@code side}, as {@link RobustMark#embed} wrote it for {@code marked}, coded by number as containers up to version 3 hold it. */
    static Bits renumbered(RobustMark mark, Raster marked, Region region, Bits side) {
        int messageLength = mark.messageBits();
        return mark.decoded(marked, region, messageLength, side, RobustMark.SideCoding.NUMBERS_OR_FLAGS)
                .encodeNumbering(marked, mark.zoneCount(marked, messageLength));
    }
}
