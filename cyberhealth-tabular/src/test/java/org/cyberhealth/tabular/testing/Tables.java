package org.cyberhealth.tabular.testing;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.tabular.bench.InMemoryTable;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableLocation;
import org.cyberhealth.tabular.io.TableReader;

/** Test helpers: the bundled OMOP measurement table, and whole tables in memory. */
public final class Tables {

    private Tables() {}

    /** The Synthea OMOP measurement table (10,040 rows) bundled in the test resources. */
    public static Path measurementCsv() {
        try {
            return Path.of(Tables.class.getResource("/omop/measurement.csv").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table read whole, for small test tables. */
    public record Loaded(TableHeader header, List<String[]> rows) {
        public int column(String name) {
            return header.indexOf(name);
        }
    }

    public static Loaded load(TableLocation location) {
        try (TableReader reader = location.openReader()) {
            List<String[]> rows = new ArrayList<>();
            String[] row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
            return new Loaded(reader.header(), rows);
        }
    }

    public static Loaded load(Path csv) {
        return load(TableLocation.parse(csv.toString()));
    }

    /** A reader over rows already in memory (each row copied as it is read). */
    public static TableReader reader(TableHeader header, List<String[]> rows) {
        return new InMemoryTable(header, rows).reader();
    }
}
