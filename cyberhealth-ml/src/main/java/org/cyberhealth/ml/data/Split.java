package org.cyberhealth.ml.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** A training part and a held-out test part of one dataset. */
public record Split(Dataset train, Dataset test) {

    /**
     * Holds out {@code testFraction} of the samples, drawn with a fixed seed, so a recipe gives the same
     * split every time; classification keeps each class's share in both parts (stratified).
     */
    public static Split holdOut(Dataset all, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must lie strictly between 0 and 1");
        }
        Random random = new Random(seed);
        TreeMap<Double, List<Integer>> strata = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            strata.computeIfAbsent(all.isClassification() ? all.targets()[i] : 0.0, k -> new ArrayList<>()).add(i);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> stratum : strata.values()) {
            Collections.shuffle(stratum, random);
            int held = (int) Math.round(stratum.size() * testFraction);
            test.addAll(stratum.subList(0, held));
            train.addAll(stratum.subList(held, stratum.size()));
        }
        Collections.sort(train);
        Collections.sort(test);
        return new Split(all.select(toArray(train), "train"), all.select(toArray(test), "test"));
    }

    private static int[] toArray(List<Integer> positions) {
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}
