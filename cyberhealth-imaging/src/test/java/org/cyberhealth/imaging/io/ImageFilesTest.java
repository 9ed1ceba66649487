package org.cyberhealth.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFilesTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({
        "PNG, 1, 8", "PNG, 1, 16", "PNG, 3, 8", "PNG, 3, 16",
        "TIFF, 1, 8", "TIFF, 1, 16", "TIFF, 3, 8", "TIFF, 3, 16",
    })
    void everySampleRoundTrips(ImageFormat format, int channels, int bitDepth) {
        int max = (1 << bitDepth) - 1;
        int width = 37;
        int rows = 23;
        int[] samples = new SplittableRandom(channels * 100 + bitDepth).ints(width * rows * channels, 0, max + 1).toArray();
        samples[0] = 0;
        samples[1] = max;
        PlainImage original = new PlainImage(Raster.wrap(width, rows * channels, samples, 0, max), channels, bitDepth);
        Path file = folder.resolve("image." + format.imageIoName());

        ImageFiles.write(original, file, format, false);
        PlainImage read = ImageFiles.read(file);

        assertThat(read.channels()).isEqualTo(channels);
        assertThat(read.bitDepth()).isEqualTo(bitDepth);
        assertThat(read.raster().sameAs(original.raster())).isTrue();
    }

    @Test
    void aTwelveBitRasterIsWrittenAsSixteenBitGray() {
        Raster twelveBit = Raster.wrap(3, 1, new int[] {0, 2048, 4095}, 0, 4095);
        PlainImage image = PlainImage.gray(twelveBit);
        assertThat(image.bitDepth()).isEqualTo(16);
        assertThat(PlainImage.gray(Raster.blank(2, 2, 0, 255)).bitDepth()).isEqualTo(8);
        Path file = folder.resolve("ct.png");
        ImageFiles.write(image, file, false);
        assertThat(ImageFiles.read(file).raster().samples()).containsExactly(0, 2048, 4095);
        assertThatThrownBy(() -> ImageFiles.write(image, file, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already exists");
    }

    @Test
    void readsTheColoursIntoStackedPlanes() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x102030);
        rgb.setRGB(1, 0, 0xA0B0C0);
        Path file = folder.resolve("rgb.png");
        ImageIO.write(rgb, "png", file.toFile());

        PlainImage image = ImageFiles.read(file);

        assertThat(image.rows()).isEqualTo(1);
        assertThat(image.raster().height()).isEqualTo(3);
        assertThat(image.raster().samples()).containsExactly(0x10, 0xA0, 0x20, 0xB0, 0x30, 0xC0);
    }

    @Test
    void refusesAlphaAndPaletteImages() throws IOException {
        Path alpha = folder.resolve("alpha.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB), "png", alpha.toFile());
        Path palette = folder.resolve("palette.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED), "png", palette.toFile());

        assertThatThrownBy(() -> ImageFiles.read(alpha))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has an alpha channel; convert to gray or RGB first");
        assertThatThrownBy(() -> ImageFiles.read(palette))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has a palette; convert to gray or RGB first");
    }

    @Test
    void refusesGarbageAndMissingFilesAndLeavesNoPartialOutput() throws IOException {
        Path garbage = folder.resolve("garbage.png");
        Files.write(garbage, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        assertThatThrownBy(() -> ImageFiles.read(garbage)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ImageFiles.read(folder.resolve("absent.png")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such file");

        PlainImage twelveBit = new PlainImage(Raster.blank(4, 4, 0, 4095), 1, 8);
        Path target = folder.resolve("out.png");
        assertThatThrownBy(() -> ImageFiles.write(twelveBit, target, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("does not fit unsigned 8-bit");
        assertThat(target).doesNotExist();
        try (var listing = Files.list(folder)) {
            assertThat(listing.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void readsTheCopiedClassicImage() throws Exception {
        Path file = Path.of(ImageFilesTest.class.getResource("/classic/Airplane.png").toURI());
        PlainImage image = ImageFiles.read(file);
        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.bitDepth()).isEqualTo(8);
        assertThat(image.width()).isEqualTo(512);
        assertThat(image.rows()).isEqualTo(512);
    }
}
