package org.cyberhealth.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.imaging.Raster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @ParameterizedTest
    @CsvSource({
        "u1, 0, 255, 0, 7, 255",
        "i1, -128, 127, -128, -1, 127",
        "u2, 0, 65535, 0, 300, 65535",
        "i2, -32768, 32767, -32768, -1000, 32767",
        "u4, 0, 2147483647, 0, 70000, 2147483647",
        "i4, -2147483648, 2147483647, -2147483648, -70000, 2147483647",
    })
    void integerDtypesKeepTheirValuesAndRangeInBothByteOrders(String type, int min, int max, long a, long b, long c) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            String mark = type.endsWith("1") ? "|" : order == ByteOrder.BIG_ENDIAN ? ">" : "<";
            byte[] file = NpyBytes.file(1, NpyBytes.dictionary(mark + type, "(2, 3)"),
                    NpyBytes.values(type, order, a, b, c, c, b, a));
            PlainImage image = NpyArray.read(file, "test").toImage();
            Raster raster = image.raster();
            assertThat(raster.width()).isEqualTo(3);
            assertThat(raster.height()).isEqualTo(2);
            assertThat(raster.minValue()).isEqualTo(min);
            assertThat(raster.maxValue()).isEqualTo(max);
            assertThat(raster.samples()).containsExactly((int) a, (int) b, (int) c, (int) c, (int) b, (int) a);
        }
    }

    @ParameterizedTest
    @CsvSource({"f4, <", "f8, <", "f8, >", "f4, >"})
    void floatsRoundIntoTheChosenRange(String type, String mark) {
        ByteOrder order = mark.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = NpyBytes.file(2, NpyBytes.dictionary(mark + type, "(1, 4)"),
                NpyBytes.values(type, order, -1024.0, 40.4, 2.5, 3071.0));
        NpyArray array = NpyArray.read(file, "ct");
        assertThat(array.isInteger()).isFalse();
        PlainImage image = array.toImage(-32768, 32767);
        assertThat(image.raster().samples()).containsExactly(-1024, 40, 2, 3071);
        assertThat(image.bitDepth()).isEqualTo(16);
        assertThatThrownBy(array::toImage).isInstanceOf(BadInputException.class).hasMessageContaining("range");
        assertThatThrownBy(() -> array.toImage(0, 4095))
                .isInstanceOf(BadInputException.class).hasMessageContaining("-1024.0 at row 0, column 0");
    }

    @Test
    void notANumberIsRefused() {
        byte[] file = NpyBytes.file(3, NpyBytes.dictionary("<f8", "(1, 2)"),
                NpyBytes.values("f8", ByteOrder.LITTLE_ENDIAN, 1.0, Double.NaN));
        assertThatThrownBy(() -> NpyArray.read(file, "nan").toImage(0, 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("NaN at row 0, column 1");
    }

    @Test
    void fortranOrderIsTransposedOnReading() {
        // numpy.asfortranarray([[1, 2, 3], [4, 5, 6]]) stores 1, 4, 2, 5, 3, 6.
        byte[] file = NpyBytes.file(1, "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }",
                NpyBytes.values("i2", ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6));
        assertThat(NpyArray.read(file, "fortran").toImage().raster().samples()).containsExactly(1, 2, 3, 4, 5, 6);
        byte[] rgb = NpyBytes.file(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (1, 2, 3), }",
                NpyBytes.values("u1", ByteOrder.LITTLE_ENDIAN, 1, 4, 2, 5, 3, 6));
        assertThat(NpyArray.read(rgb, "fortran rgb").toImage().raster().samples()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void rgbArraysBecomeStackedPlanes() {
        byte[] file = NpyBytes.file(1, NpyBytes.dictionary("|u1", "(1, 2, 3)"),
                NpyBytes.values("u1", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        PlainImage image = NpyArray.read(file, "rgb").toImage();
        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.rows()).isEqualTo(1);
        assertThat(image.raster().samples()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void readsARealMriSlice() throws URISyntaxException {
        Path file = Path.of(NpyArrayTest.class.getResource("/openjph/mr-brain-0.npy").toURI());
        NpyArray array = NpyArray.read(file);
        assertThat(array.dtype()).isEqualTo("f8");
        PlainImage image = array.toImage(0, 4095);
        Raster raster = image.raster();
        assertThat(raster.width()).isEqualTo(240);
        assertThat(raster.height()).isEqualTo(240);
        // Values checked with NumPy: a[100, 100:105], a.sum(), count_nonzero(a).
        assertThat(Arrays.copyOfRange(raster.samples(), 100 * 240 + 100, 100 * 240 + 105))
                .containsExactly(871, 879, 867, 867, 855);
        assertThat(Arrays.stream(raster.samples()).asLongStream().sum()).isEqualTo(13_788_240L);
        assertThat(Arrays.stream(raster.samples()).filter(v -> v != 0).count()).isEqualTo(18_250L);
    }

    @Test
    void hostileFilesFailWithOneClearError() {
        byte[] data = NpyBytes.values("u1", ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4);
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(2, 2)"), data), null);
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(10000, 10000)"), data), "exceeds the limit");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(99999999999, 99999999999)"), data), "exceeds the limit");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(4, 4)"), data), "data bytes");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(4,)"), data), "dimensions");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|u1", "(0, 4)"), data), "empty");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("<c16", "(2, 2)"), data), "dtype");
        assertBad(NpyBytes.file(1, NpyBytes.dictionary("|O", "(2, 2)"), data), "dtype");
        assertBad(NpyBytes.file(1, "{'descr': '|u1', 'shape': (2, 2), }", data), "lacks");
        assertBad(NpyBytes.file(1, "{'descr': __import__('os'), }", data), "malformed");
        assertBad(NpyBytes.file(1, "not a dictionary", data), "malformed");
        assertBad(NpyBytes.file(4, NpyBytes.dictionary("|u1", "(2, 2)"), data), "version 4");
        byte[] longHeader = NpyBytes.file(2, NpyBytes.dictionary("|u1", "(2, 2)"), data);
        longHeader[10] = (byte) 0xFF;
        longHeader[11] = (byte) 0x7F;
        assertBad(longHeader, "header length");
        assertBad(new byte[] {(byte) 0x93, 'N', 'U'}, "truncated");
        assertBad("PNG not npy".getBytes(), "not a NumPy");
    }

    private static void assertBad(byte[] file, String message) {
        if (message == null) {
            assertThat(NpyArray.read(file, "ok").toImage().raster().samples()).containsExactly(1, 2, 3, 4);
            return;
        }
        assertThatThrownBy(() -> NpyArray.read(file, "hostile.npy").toImage())
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("hostile.npy")
                .hasMessageContaining(message);
    }
}
