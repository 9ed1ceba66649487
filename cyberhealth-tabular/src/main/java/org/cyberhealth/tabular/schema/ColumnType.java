package org.cyberhealth.tabular.schema;

import java.util.Locale;
import org.cyberhealth.core.BadInputException;

/** What a column holds, as far as marking is concerned. */
public enum ColumnType {
    /** Whole numbers; a mark changes the value by a few units. */
    INTEGER,
    /** Fixed-point numbers with a declared scale; a mark changes the last declared digits. */
    DECIMAL,
    /** ISO dates (yyyy-MM-dd, optionally followed by a time that is kept as it is); a mark moves the day. */
    DATE,
    /** A closed set of codes; a mark may only swap a value for another allowed value. */
    CATEGORICAL,
    /** Free text; never marked. */
    TEXT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnType parse(String label) {
        for (ColumnType type : values()) {
            if (type.label().equals(label)) {
                return type;
            }
        }
        throw new BadInputException("unknown column type '" + label + "' (expected integer, decimal, date, categorical or text)");
    }
}
