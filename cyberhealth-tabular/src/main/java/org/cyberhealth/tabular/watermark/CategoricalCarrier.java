package org.cyberhealth.tabular.watermark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Categorical values, after Sion, Atallah and Prabhakar ("Rights protection for categorical data", IEEE
 * TKDE 2005): a selected cell's value is replaced by another allowed value whose position encodes the
 * bit. Where Sion et al. draw the new value from the keyed hash, we pair each value with its neighbour in
 * the declared list (the profiler lists values by frequency) and swap within the pair, so a value only
 * ever trades places with one of similar frequency and the group counts barely move. A value outside
 * the list, or the last one of an odd-sized list, carries nothing.
 */
final class CategoricalCarrier implements Carrier {

    private final List<String> values;
    private final Map<String, Integer> positions = new HashMap<>();

    CategoricalCarrier(List<String> values) {
        this.values = List.copyOf(values);
        int paired = values.size() - values.size() % 2;
        for (int i = 0; i < paired; i++) {
            positions.putIfAbsent(values.get(i), i);
        }
    }

    @Override
    public int positions() {
        return 1;
    }

    @Override
    public int bit(String cell, int position) {
        Integer index = cell == null ? null : positions.get(cell);
        return index == null ? -1 : index & 1;
    }

    @Override
    public String withBit(String cell, int position, int bit) {
        Integer index = cell == null ? null : positions.get(cell);
        if (index == null || (index & 1) == bit) {
            return cell;
        }
        return values.get(index ^ 1);
    }
}
