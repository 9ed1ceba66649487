package org.cyberhealth.tabular.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.tabular.io.TableHeader.SqlType;
import org.sqlite.SQLiteConfig;

/**
 * A table in a database reached over JDBC: SQLite (embedded, the default) or PostgreSQL. Output is a new
 * table created and filled in one transaction, so it appears whole or not at all; an SQLite file that
 * did not exist before is removed again if the write fails. Input databases are opened read-only where
 * the driver allows it.
 */
public record JdbcLocation(String url, String table) implements TableLocation {

    private static final String SQLITE = "jdbc:sqlite:";
    private static final int BATCH = 5_000;

    public JdbcLocation {
        SqlNames.qualifiedTable(table);
    }

    @Override
    public TableReader openReader() {
        return openReader(java.util.List.of());
    }

    @Override
    public TableReader openReader(java.util.Collection<String> columns) {
        if (isSqlite() && !Files.isRegularFile(sqliteFile())) {
            throw new BadInputException("database " + sqliteFile() + " does not exist");
        }
        return new JdbcTableReader(connect(true), table, describe(), isSqlite() ? sqliteFile() : null, columns);
    }

    @Override
    public void write(TableHeader header, boolean overwrite, RowProducer producer) {
        if (isSqlite() && OpenSqliteFiles.isBeingRead(sqliteFile())) {
            writeThroughStagingFile(header, overwrite, producer);
            return;
        }
        writeDirectly(header, overwrite, producer);
    }

    /**
     * Writes the rows into a staging SQLite file beside the target, then, once the producer is done (and
     * so the input has been read to its end and its lock released), copies them into the target in one
     * transaction.
     */
    private void writeThroughStagingFile(TableHeader header, boolean overwrite, RowProducer producer) {
        Path stage = stagingFile();
        try {
            staged(stage, textEncoding()).writeDirectly(header, true, producer);
            copyFromStage(stage, overwrite);
        } finally {
            deleteStage(stage);
        }
    }

    private Path stagingFile() {
        try {
            Path target = sqliteFile().toAbsolutePath();
            Path stage = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".stage.db");
            Files.delete(stage);
            return stage;
        } catch (IOException e) {
            throw new BadInputException("cannot create a staging file beside " + sqliteFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The staging table: its file is private and deleted once copied, so it needs neither a rollback
     * journal nor a wait for the disk at commit (the copy into the target has both). It takes the
     * target's text encoding, since SQLite attaches only files of the main one's encoding.
     */
    private static JdbcLocation staged(Path stage, String encoding) {
        return new JdbcLocation(SQLITE + stage + "?journal_mode=OFF&synchronous=OFF&encoding='" + encoding + "'", "staged");
    }

    /** The text encoding of this SQLite file (UTF-8, UTF-16le or UTF-16be). */
    private String textEncoding() {
        try (Connection connection = connect(true); Statement query = connection.createStatement();
                ResultSet encoding = query.executeQuery("PRAGMA encoding")) {
            return encoding.next() ? encoding.getString(1) : "UTF-8";
        } catch (SQLException e) {
            throw new BadInputException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Creates this table as a copy of the staged one; SQLite copies the records as they are stored. */
    private void copyFromStage(Path stage, boolean overwrite) {
        inOneTransaction(connection -> {
            attach(connection, stage, "cyberhealth_stage");
            String from = "cyberhealth_stage.staged";
            prepareTable(connection, SqliteColumns.header(connection, "cyberhealth_stage", "staged"), overwrite);
            try (Statement copy = connection.createStatement()) {
                copy.execute("INSERT INTO " + SqlNames.qualifiedTable(table) + " SELECT * FROM " + from);
            }
        });
    }

    private static void deleteStage(Path stage) {
        try {
            Files.deleteIfExists(stage);
        } catch (IOException ignored) {
            // A leftover hidden staging file holds a copy of the output, not of the input; harmless.
        }
    }

    /** Attaches another SQLite file to the connection, which must be in a transaction it just opened. */
    private static void attach(Connection connection, Path file, String alias) throws SQLException {
        // ATTACH cannot run inside a transaction: end the one the connection just opened.
        connection.commit();
        connection.setAutoCommit(true);
        try (PreparedStatement attach = connection.prepareStatement("ATTACH DATABASE ? AS " + alias)) {
            attach.setString(1, file.toString());
            attach.execute();
        } finally {
            // Back in a transaction even when ATTACH fails, so that the caller's rollback finds one.
            connection.setAutoCommit(false);
        }
    }

    private void writeDirectly(TableHeader header, boolean overwrite, RowProducer producer) {
        inOneTransaction(connection -> {
            prepareTable(connection, header, overwrite);
            insertRows(connection, header, producer);
        });
    }

    /** Work on a connection to this database that either commits whole or leaves nothing behind. */
    @FunctionalInterface
    private interface Transaction {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits; on any failure rolls back, and removes the SQLite
     * file if this write created it, so that nothing partial remains.
     */
    private void inOneTransaction(Transaction work) {
        boolean newFile = isSqlite() && !Files.exists(sqliteFile());
        try (Connection connection = connect(false)) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            removeNewFile(newFile);
            throw new BadInputException("cannot write table " + table + " in " + describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeNewFile(newFile);
            throw e;
        }
    }

    /**
     * Whether {@link #copyWithinSqlite} can fill this table from {@code source}: both live in SQLite files,
     * the source is a table with rowids (not a view or a WITHOUT ROWID table), and the text of both files
     * is UTF-8 (SQLite attaches only files of the main one's encoding, and {@link PackedRows} reads UTF-8);
     * a file that does not exist yet will be UTF-8.
     */
    public boolean canCopyWithinSqlite(TableLocation source) {
        if (!isSqlite() || !(source instanceof JdbcLocation from) || !from.isSqlite() || !Files.isRegularFile(from.sqliteFile())) {
            return false;
        }
        try (Connection input = from.connect(true)) {
            String table = SqlNames.qualifiedTable(from.table);
            if (!PackedRows.readable(input) || rowidName(input, table, SqliteColumns.header(input, null, from.table)) == null) {
                return false;
            }
        } catch (SQLException | BadInputException e) {
            return false;
        }
        if (!Files.exists(sqliteFile())) {
            return true;
        }
        try (Connection output = connect(true)) {
            return PackedRows.readable(output);
        } catch (SQLException | BadInputException e) {
            return false;
        }
    }

    /**
     * Creates this table in an SQLite file and fills it from SQLite table {@code source} with
     * {@code INSERT ... SELECT ... WHERE rowid BETWEEN ... ORDER BY rowid} statements that SQLite runs itself
     * (the source file attached), some columns rewritten by {@code plan}'s expressions and functions, which
     * another thread may feed ahead in the same row order ({@link RowidScan}). Rows never cross into Java
     * except through the plan, which is many times faster than reading and writing every cell over JDBC.
     * All in one transaction; {@code beforeCommit} may refuse the result by throwing, and then nothing is
     * written. Only where {@link #canCopyWithinSqlite}.
     */
    public void copyWithinSqlite(JdbcLocation source, boolean overwrite, SqliteCopyPlan plan, Runnable beforeCommit) {
        if (!source.isSqlite() || !Files.isRegularFile(source.sqliteFile())) {
            throw new BadInputException("database " + source.describe() + " does not exist");
        }
        boolean sameFile = source.sqliteFile().toAbsolutePath().normalize().equals(sqliteFile().toAbsolutePath().normalize());
        if (sameFile && sqliteTableKey(source.table()).equals(sqliteTableKey(table))) {
            throw new BadInputException("the output is the input table " + source.describe() + ": write the marked copy to a new table");
        }
        inOneTransaction(connection -> {
            String schema = sameFile ? null : "cyberhealth_source";
            if (!sameFile) {
                attach(connection, source.sqliteFile(), schema);
            }
            String from = sameFile ? SqlNames.qualifiedTable(source.table()) : schema + "." + SqlNames.identifier(source.table());
            TableHeader header = SqliteColumns.header(connection, schema, source.table());
            String rowid = rowidName(connection, from, header);
            if (rowid == null) {
                throw new BadInputException("table " + source.describe() + " has no rowids to copy it in order");
            }
            prepareTable(connection, header, overwrite);
            StringJoiner select = new StringJoiner(", ", "INSERT INTO " + SqlNames.qualifiedTable(table) + " SELECT ",
                    " FROM " + from + " WHERE " + rowid + " BETWEEN ?1 AND ?2 ORDER BY " + rowid);
            Map<String, String> expressions = plan.expressions(header, rowid);
            for (String column : header.columns()) {
                select.add(expressions.getOrDefault(column, SqlNames.identifier(column)));
            }
            // In one file the scan shares this connection: a second connection's read lock would stop this
            // writer from spilling pages. SQLite serialises the two threads' statements on the connection.
            plan.start(connection, columns -> sameFile ? RowidScan.sharing(connection, from, rowid, columns, source.describe())
                    : source.scanInRowidOrder(columns, rowid));
            try (PreparedStatement copy = connection.prepareStatement(select.toString())) {
                boolean readsBlob = copy.getParameterMetaData().getParameterCount() == 4;
                plan.copy((first, last, blob, blobStart) -> {
                    copy.setLong(1, first);
                    copy.setLong(2, last);
                    if (readsBlob) {
                        copy.setBytes(3, blob);
                        copy.setLong(4, blobStart);
                    }
                    return copy.executeUpdate();
                });
            } finally {
                // A failure of the plan's own work (thrown here) is the cause of the statement's failure: it wins.
                plan.close();
            }
            beforeCommit.run();
        });
    }

    /** A table name as SQLite resolves it in its own file: without the "main." schema and in any letter case. */
    private static String sqliteTableKey(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("main.") ? lower.substring("main.".length()) : lower;
    }

    /** The name by which {@code from}'s rowid can be read (a column may take one of its three names), or null. */
    private static String rowidName(Connection connection, String from, TableHeader header) {
        for (String name : new String[] {"rowid", "_rowid_", "oid"}) {
            if (header.columns().stream().noneMatch(name::equalsIgnoreCase)) {
                try (Statement probe = connection.createStatement(); ResultSet none = probe.executeQuery("SELECT " + name + " FROM " + from + " WHERE 1 = 0")) {
                    return name;
                } catch (SQLException noRowids) {
                    return null;
                }
            }
        }
        return null;
    }

    private RowidScan scanInRowidOrder(java.util.List<String> columns, String rowid) {
        return new RowidScan(connect(true), SqlNames.qualifiedTable(table), rowid, columns, describe());
    }

    private void prepareTable(Connection connection, TableHeader header, boolean overwrite) throws SQLException {
        if (exists(connection)) {
            if (!overwrite) {
                throw new BadInputException("table " + table + " already exists in " + describe() + " (use --force to replace it)");
            }
            try (Statement drop = connection.createStatement()) {
                drop.execute("DROP TABLE " + SqlNames.qualifiedTable(table));
            }
        }
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + SqlNames.qualifiedTable(table) + " (", ")");
        for (int i = 0; i < header.size(); i++) {
            columns.add(SqlNames.identifier(header.columns().get(i)) + " " + declaredType(header.types().get(i)));
        }
        try (Statement create = connection.createStatement()) {
            create.execute(columns.toString());
        }
    }

    private String declaredType(SqlType type) {
        if (type.equals(SqlType.ANY) && isSqlite()) {
            return "";
        }
        String name = type.name().isBlank() ? "TEXT" : type.name();
        if (!name.matches("[A-Za-z][A-Za-z0-9_ ]*(\\([0-9, ]+\\))?")) {
            throw new BadInputException("unsupported SQL type name '" + name + "'");
        }
        return name;
    }

    private boolean exists(Connection connection) throws SQLException {
        if (isSqlite()) {
            // Only the main file: a source database attached for a copy may hold a table of the same name.
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?")) {
                query.setString(1, table);
                try (ResultSet found = query.executeQuery()) {
                    return found.next();
                }
            }
        }
        String[] parts = table.split("\\.");
        String schema = parts.length == 2 ? parts[0] : null;
        String name = parts[parts.length - 1];
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, name, null)) {
            return tables.next();
        }
    }

    private void insertRows(Connection connection, TableHeader header, RowProducer producer) throws SQLException {
        StringJoiner marks = new StringJoiner(", ", "INSERT INTO " + SqlNames.qualifiedTable(table) + " VALUES (", ")");
        for (int i = 0; i < header.size(); i++) {
            marks.add("?");
        }
        try (PreparedStatement insert = connection.prepareStatement(marks.toString())) {
            int[] pending = {0};
            producer.produce(row -> {
                try {
                    bind(insert, header, row);
                    insert.addBatch();
                    if (++pending[0] == BATCH) {
                        insert.executeBatch();
                        pending[0] = 0;
                    }
                } catch (SQLException e) {
                    throw new BadInputException("cannot write table " + table + " in " + describe() + ": " + e.getMessage(), e);
                }
            });
            if (pending[0] > 0) {
                insert.executeBatch();
            }
        }
    }

    /** Binds one row; an empty CSV field becomes NULL in a non-text column, where it could not be parsed. */
    private static void bind(PreparedStatement insert, TableHeader header, String[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            SqlType type = header.types().get(i);
            String cell = row[i];
            if (cell == null || (cell.isEmpty() && !type.isText())) {
                insert.setNull(i + 1, type.jdbcType());
            } else if (type.isText()) {
                insert.setString(i + 1, cell);
            } else {
                insert.setObject(i + 1, cell, type.jdbcType() == Types.OTHER ? Types.VARCHAR : type.jdbcType());
            }
        }
    }

    private Connection connect(boolean readOnly) {
        try {
            Properties properties = new Properties();
            if (isSqlite()) {
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(readOnly);
                properties = config.toProperties();
            }
            Connection connection = DriverManager.getConnection(url, properties);
            if (!isSqlite()) {
                connection.setReadOnly(readOnly);
            }
            return connection;
        } catch (SQLException e) {
            throw new BadInputException("cannot connect to " + describe() + ": " + e.getMessage(), e);
        }
    }

    private boolean isSqlite() {
        return url.startsWith(SQLITE);
    }

    private Path sqliteFile() {
        String path = url.substring(SQLITE.length());
        int query = path.indexOf('?');
        return Path.of(query < 0 ? path : path.substring(0, query));
    }

    private void removeNewFile(boolean newFile) {
        if (newFile) {
            try {
                Files.deleteIfExists(sqliteFile());
            } catch (IOException ignored) {
                // The failure being reported matters more than this leftover empty database.
            }
        }
    }

    @Override
    public String describe() {
        return SqlNames.withoutPassword(url) + "#" + table;
    }
}
