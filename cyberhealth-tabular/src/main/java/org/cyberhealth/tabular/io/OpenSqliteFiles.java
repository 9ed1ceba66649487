package org.cyberhealth.tabular.io;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQLite files this process is reading now. SQLite locks a whole file: a writer that must spill
 * pages waits for every reader to finish, so writing a new table into a file whose other table is being
 * streamed (marking warehouse.db#measurement into warehouse.db#measurement_lab42) would wait for
 * itself. {@link JdbcLocation} looks here and stages such a write in a separate file instead.
 */
final class OpenSqliteFiles {

    private static final ConcurrentHashMap<Path, Integer> READERS = new ConcurrentHashMap<>();

    private OpenSqliteFiles() {}

    static void acquire(Path file) {
        if (file != null) {
            READERS.merge(key(file), 1, Integer::sum);
        }
    }

    static void release(Path file) {
        if (file != null) {
            READERS.computeIfPresent(key(file), (k, count) -> count <= 1 ? null : count - 1);
        }
    }

    static boolean isBeingRead(Path file) {
        return READERS.containsKey(key(file));
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
