package org.cyberhealth.imaging.watermark.reversible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.cyberhealth.core.bits.Bits;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link ReversibleScheme} contract, checked for every scheme of this package. */
class ReversibleSchemeContractTest {

    static Stream<ReversibleScheme> schemes() {
        return Stream.of(new Sachnev2009Scheme(), new AdaptiveMhmScheme());
    }

    static Stream<Arguments> schemesAndRanges() {
        List<Arguments> out = new ArrayList<>();
        schemes().forEach(s -> {
            out.add(Arguments.of(s, 0, 255));
            out.add(Arguments.of(s, 0, 4095));
            out.add(Arguments.of(s, -32768, 32767));
        });
        return out.stream();
    }

    /** Embeds, checks range and untouched samples, extracts, checks bit-exact payload and raster. */
    private static void roundTrip(ReversibleScheme scheme, Raster raster, Region region, Bits payload) {
        Raster original = raster.copy();
        scheme.embed(raster, region, payload);
        assertThat(raster.inRange()).isTrue();
        assertUnchangedWhereForbidden(original, raster, region);
        assertThat(scheme.extract(raster, region)).isEqualTo(payload);
        assertThat(raster.sameAs(original)).as("restored bit for bit").isTrue();
    }

    /** Fills the region to capacity; a region without capacity must refuse even an empty payload. */
    private static void fillToCapacity(ReversibleScheme scheme, Raster raster, Region region, long seed) {
        int capacity = scheme.capacity(raster, region);
        if (capacity == 0) {
            Raster before = raster.copy();
            assertThatThrownBy(() -> scheme.embed(raster, region, new Bits())).isInstanceOf(CapacityExceededException.class);
            assertThat(raster.sameAs(before)).isTrue();
            return;
        }
        roundTrip(scheme, raster, region, TestImages.randomBits(capacity, seed));
    }

    private static void assertUnchangedWhereForbidden(Raster before, Raster after, Region region) {
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                if (!region.mayChange(x, y)) {
                    assertThat(after.get(x, y)).as("sample %d,%d may not change", x, y).isEqualTo(before.get(x, y));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void restoresClassicImagesAtTenThousandBits(ReversibleScheme scheme) {
        for (String name : new String[] {"Baboon.png", "Airplane.png"}) {
            Raster image = TestImages.classic(name);
            Raster original = image.copy();
            roundTrip(scheme, image, Region.whole(image), TestImages.randomBits(10_000, 1));
            assertThat(image.sameAs(original)).isTrue();
        }
    }

    /**
     * Capacity is a promise, not a limit: {@code capacity} bits always embed; beyond it a payload either
     * embeds and round-trips or is refused with the raster unchanged, and one longer than the region has
     * samples is always refused.
     */
    @ParameterizedTest
    @MethodSource("schemesAndRanges")
    void fillsSmoothRasterToCapacityAndRefusesCleanlyBeyond(ReversibleScheme scheme, int min, int max) {
        Raster raster = TestImages.smooth(48, 40, min, max, 7);
        Region region = Region.whole(raster);
        int capacity = scheme.capacity(raster, region);
        assertThat(capacity).isGreaterThan(300);
        roundTrip(scheme, raster, region, TestImages.randomBits(capacity, 2));
        for (int extra : new int[] {1, capacity / 16, capacity / 4, capacity}) {
            Bits payload = TestImages.randomBits(capacity + extra, 3 + extra);
            Raster before = raster.copy();
            try {
                roundTrip(scheme, raster, region, payload);
            } catch (CapacityExceededException e) {
                assertThat(raster.sameAs(before)).as("unchanged after refusing %d bits", payload.length()).isTrue();
            }
        }
        Raster before = raster.copy();
        assertThatThrownBy(() -> scheme.embed(raster, region, TestImages.randomBits((int) region.area() + 1, 4)))
                .isInstanceOf(CapacityExceededException.class);
        assertThat(raster.sameAs(before)).as("unchanged after a refused payload").isTrue();
    }

    @ParameterizedTest
    @MethodSource("schemesAndRanges")
    void survivesNoise(ReversibleScheme scheme, int min, int max) {
        Raster raster = TestImages.noise(64, 64, min, max, 11);
        Region region = Region.whole(raster);
        fillToCapacity(scheme, raster, region, 4);
        int capacity = scheme.capacity(raster, region);
        if (capacity > 0) {
            roundTrip(scheme, raster, region, TestImages.randomBits(capacity / 3, 5));
        }
    }

    @ParameterizedTest
    @MethodSource("schemesAndRanges")
    void handlesRangeLimits(ReversibleScheme scheme, int min, int max) {
        int w = 32;
        int h = 32;
        int[] allMin = new int[w * h];
        int[] allMax = new int[w * h];
        int[] checker = new int[w * h];
        int[] nearEdges = new int[w * h];
        Random random = new Random(13);
        for (int i = 0; i < w * h; i++) {
            allMin[i] = min;
            allMax[i] = max;
            checker[i] = ((i % w + i / w) & 1) == 0 ? min : max;
            nearEdges[i] = random.nextBoolean() ? min + random.nextInt(3) : max - random.nextInt(3);
        }
        for (int[] samples : new int[][] {allMin, allMax, checker, nearEdges}) {
            Raster raster = Raster.wrap(w, h, samples, min, max);
            fillToCapacity(scheme, raster, Region.whole(raster), 6);
        }
        Raster flat = Raster.wrap(w, h, allMin.clone(), min, max);
        assertThat(scheme.capacity(flat, Region.whole(flat))).as("a flat image at the minimum still carries data")
                .isGreaterThan(200);
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void blocksAreIndependent(ReversibleScheme scheme) {
        Raster raster = TestImages.classic("Airplane.png");
        Raster original = raster.copy();
        List<Region> blocks = new ArrayList<>();
        List<Bits> payloads = new ArrayList<>();
        for (int y = 0; y < 256; y += 32) {
            for (int x = 0; x < 256; x += 32) {
                Region block = Region.rectangle(raster, x, y, 32, 32);
                Bits payload = TestImages.randomBits(Math.min(200, scheme.capacity(raster, block)), x * 31L + y);
                scheme.embed(raster, block, payload);
                blocks.add(block);
                payloads.add(payload);
            }
        }
        assertThat(payloads).allMatch(p -> p.length() > 0);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(17));
        for (int i : order) {
            assertThat(scheme.extract(raster, blocks.get(i))).isEqualTo(payloads.get(i));
        }
        assertThat(raster.sameAs(original)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void leavesProtectedSamplesAlone(ReversibleScheme scheme) {
        Raster raster = TestImages.smooth(96, 80, 0, 4095, 19);
        BitSet protectedSamples = new BitSet();
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                if ((x - 40) * (x - 40) + (y - 40) * (y - 40) < 400 || (x + y) % 7 == 0) {
                    protectedSamples.set(y * raster.width() + x);
                }
            }
        }
        Region region = Region.rectangle(raster, 8, 8, 80, 64).excluding(protectedSamples);
        int capacity = scheme.capacity(raster, region);
        assertThat(capacity).isGreaterThan(100);
        roundTrip(scheme, raster, region, TestImages.randomBits(capacity, 23));
    }

    /** Flat and nearly flat areas are where pairwise expansion is chosen; fill them at several rates. */
    @ParameterizedTest
    @MethodSource("schemesAndRanges")
    void restoresFlatAreasAtEveryRate(ReversibleScheme scheme, int min, int max) {
        int[] samples = new int[64 * 64];
        Random random = new Random(37);
        for (int i = 0; i < samples.length; i++) {
            int base = i % 64 < 32 ? min : min + (max - min) / 2;
            samples[i] = base + (random.nextInt(10) == 0 ? 1 : 0);
        }
        Raster flat = Raster.wrap(64, 64, samples, min, max);
        int capacity = scheme.capacity(flat, Region.whole(flat));
        for (int percent : new int[] {5, 20, 50, 80, 100}) {
            roundTrip(scheme, flat, Region.whole(flat), TestImages.randomBits(capacity * percent / 100, percent));
        }
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void emptyPayloadRoundTrips(ReversibleScheme scheme) {
        Raster raster = TestImages.smooth(32, 32, 0, 255, 29);
        roundTrip(scheme, raster, Region.whole(raster), new Bits());
    }

    @ParameterizedTest
    @MethodSource("schemes")
    void refusesRegionsTooSmallForSideInformation(ReversibleScheme scheme) {
        Raster raster = TestImages.smooth(4, 4, 0, 255, 31);
        Raster before = raster.copy();
        assertThat(scheme.capacity(raster, Region.whole(raster))).isZero();
        assertThatThrownBy(() -> scheme.embed(raster, Region.whole(raster), new Bits()))
                .isInstanceOf(CapacityExceededException.class);
        assertThat(raster.sameAs(before)).isTrue();
    }

    /**
     * An unmarked region either fails with ExtractionException or, when its samples happen to parse as
     * side information, yields some payload (the caller's MAC rejects it); nothing else may escape.
     */
    @ParameterizedTest
    @MethodSource("schemes")
    void unmarkedRegionsFailCleanly(ReversibleScheme scheme) {
        int failures = 0;
        int[][] ranges = {{0, 255}, {0, 4095}, {-32768, 32767}};
        for (int seed = 0; seed < 150; seed++) {
            int[] range = ranges[seed % 3];
            int size = 3 + seed % 40;
            Raster raster = seed % 2 == 0 ? TestImages.noise(size, size + 1, range[0], range[1], seed)
                    : TestImages.smooth(size + 1, size, range[0], range[1], seed);
            try {
                scheme.extract(raster, Region.whole(raster));
            } catch (ExtractionException expected) {
                failures++;
            }
        }
        assertThat(failures).as("most unmarked regions are detected structurally").isGreaterThan(75);
    }
}
