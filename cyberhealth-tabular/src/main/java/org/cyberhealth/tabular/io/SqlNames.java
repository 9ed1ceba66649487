package org.cyberhealth.tabular.io;

import java.util.regex.Pattern;
import org.cyberhealth.core.BadInputException;

/** Quoting of SQL identifiers, so that a table or column name can never be read as SQL. */
public final class SqlNames {

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    private SqlNames() {}

    /** {@code schema.table} or {@code table}, each part quoted. */
    static String qualifiedTable(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new BadInputException("table name " + name + " has more than one '.' (expected table or schema.table)");
        }
        StringBuilder quoted = new StringBuilder();
        for (String part : parts) {
            if (quoted.length() > 0) {
                quoted.append('.');
            }
            quoted.append(identifier(part));
        }
        return quoted.toString();
    }

    public static String identifier(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new BadInputException("invalid SQL name '" + name + "'");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A JDBC URL fit for messages: any password in it is masked. */
    static String withoutPassword(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }
}
