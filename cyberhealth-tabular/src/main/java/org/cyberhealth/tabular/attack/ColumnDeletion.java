package org.cyberhealth.tabular.attack;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;

/** Drops the named columns (names the table lacks are ignored). */
public record ColumnDeletion(Set<String> columns) implements TableAttack {

    public ColumnDeletion {
        columns = Set.copyOf(columns);
    }

    @Override
    public String describe() {
        return columns.size() <= 3 ? "delete columns " + columns.stream().sorted().toList() : "delete " + columns.size() + " columns";
    }

    @Override
    public TableHeader header(TableHeader input) {
        return ColumnMapping.select(input, kept(input));
    }

    @Override
    public void apply(TableReader input, RowSink output, SplittableRandom random) {
        ColumnMapping.copy(input, output, kept(input.header()));
    }

    private int[] kept(TableHeader header) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!columns.contains(header.columns().get(i))) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
