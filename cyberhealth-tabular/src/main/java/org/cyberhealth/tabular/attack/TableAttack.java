package org.cyberhealth.tabular.attack;

import java.util.SplittableRandom;
import org.cyberhealth.tabular.io.RowSink;
import org.cyberhealth.tabular.io.TableHeader;
import org.cyberhealth.tabular.io.TableReader;

/**
 * Something a leaker may do to a copy to hide where it came from. Attacks stream (constant memory)
 * except where the attack itself needs the whole table (a full shuffle). Randomness comes from the
 * caller, so a benchmark can replay an attack exactly.
 */
public interface TableAttack {

    /** One line for reports, e.g. "delete 90% of rows". */
    String describe();

    /** The header of the attacked table. */
    default TableHeader header(TableHeader input) {
        return input;
    }

    void apply(TableReader input, RowSink output, SplittableRandom random);
}
