package org.cyberhealth.tabular.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cyberhealth.core.BadInputException;

/**
 * Who got which export of which table, when, under which key and with which fingerprint codeword, kept
 * in an embedded SQLite database (by default beside the issuer key file). Each table has one campaign:
 * the marking parameters every copy shares and detection needs again. The registry holds no key
 * material; the file is readable by its owner only, because codewords must stay secret from recipients.
 */
public final class RecipientRegistry implements AutoCloseable {

    /**
     * The marking settings shared by every export of one table.
     *
     * @param scheme {@link #FINGERPRINT} (Li-Swarup-Jajodia watermark carrying Tardos codewords) or
     *     {@link #LOSSLESS} (Franco-Contreras et al.'s reversible mark)
     * @param settings the scheme's own settings as JSON (the lossless scheme's groups, shift, range)
     */
    public record Campaign(String table, String keyId, String scheme, int gamma, int ownerBits, int codeLength, int colluders,
            double epsilon1, String schemaJson, String settings, Instant createdAt) {
        public static final String FINGERPRINT = "fingerprint";
        public static final String LOSSLESS = "lossless";
    }

    /** One export: a copy of {@code table} for {@code recipient}. */
    public record Export(String exportId, String table, String recipient, String purpose, Instant issuedAt, String output,
            byte[] codeword) {}

    private final Connection connection;

    private RecipientRegistry(Connection connection) {
        this.connection = connection;
    }

    /** The default registry of a key file: beside it, named after it. */
    public static Path besideKey(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".registry.db");
    }

    /** Opens (creating if needed) the registry at {@code file}. */
    public static RecipientRegistry open(Path file) {
        try {
            if (!Files.exists(file)) {
                createOwnerOnly(file);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS campaign (table_name TEXT PRIMARY KEY, key_id TEXT NOT NULL,"
                        + " scheme TEXT NOT NULL, settings TEXT NOT NULL, gamma INTEGER NOT NULL, owner_bits INTEGER NOT NULL, code_length INTEGER NOT NULL,"
                        + " colluders INTEGER NOT NULL, epsilon1 REAL NOT NULL, schema_json TEXT NOT NULL, created_at TEXT NOT NULL)");
                create.execute("CREATE TABLE IF NOT EXISTS export (export_id TEXT PRIMARY KEY, table_name TEXT NOT NULL"
                        + " REFERENCES campaign(table_name), recipient TEXT NOT NULL, purpose TEXT NOT NULL, issued_at TEXT NOT NULL,"
                        + " output TEXT NOT NULL, codeword TEXT NOT NULL)");
            }
            return new RecipientRegistry(connection);
        } catch (SQLException e) {
            throw new BadInputException("cannot open the recipient registry " + file + ": " + e.getMessage(), e);
        }
    }

    /** Creates the empty file readable by its owner only, before SQLite writes anything in it. */
    private static void createOwnerOnly(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: SQLite creates the file and the folder's own protection applies.
        } catch (IOException e) {
            throw new BadInputException("cannot create the recipient registry " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<Campaign> campaign(String table) {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM campaign WHERE table_name = ?")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Campaign(row.getString("table_name"), row.getString("key_id"), row.getString("scheme"),
                        row.getInt("gamma"), row.getInt("owner_bits"), row.getInt("code_length"), row.getInt("colluders"),
                        row.getDouble("epsilon1"), row.getString("schema_json"), row.getString("settings"), Instant.parse(row.getString("created_at"))));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void addCampaign(Campaign campaign) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO campaign (table_name, key_id, scheme, settings, gamma,"
                + " owner_bits, code_length, colluders, epsilon1, schema_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, campaign.table());
            insert.setString(2, campaign.keyId());
            insert.setString(3, campaign.scheme());
            insert.setString(4, campaign.settings());
            insert.setInt(5, campaign.gamma());
            insert.setInt(6, campaign.ownerBits());
            insert.setInt(7, campaign.codeLength());
            insert.setInt(8, campaign.colluders());
            insert.setDouble(9, campaign.epsilon1());
            insert.setString(10, campaign.schemaJson());
            insert.setString(11, campaign.createdAt().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void addExport(Export export) {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO export VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, export.exportId());
            insert.setString(2, export.table());
            insert.setString(3, export.recipient());
            insert.setString(4, export.purpose());
            insert.setString(5, export.issuedAt().toString());
            insert.setString(6, export.output());
            insert.setString(7, HexFormat.of().formatHex(export.codeword()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The names of the marked tables, in alphabetical order. */
    public List<String> tables() {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery("SELECT table_name FROM campaign ORDER BY table_name")) {
            List<String> tables = new ArrayList<>();
            while (row.next()) {
                tables.add(row.getString(1));
            }
            return tables;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every export of {@code table}, oldest first. */
    public List<Export> exports(String table) {
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM export WHERE table_name = ? ORDER BY issued_at, export_id")) {
            query.setString(1, table);
            List<Export> exports = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    exports.add(new Export(row.getString("export_id"), row.getString("table_name"), row.getString("recipient"),
                            row.getString("purpose"), Instant.parse(row.getString("issued_at")), row.getString("output"),
                            HexFormat.of().parseHex(row.getString("codeword"))));
                }
            }
            return exports;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static BadInputException failure(SQLException e) {
        return new BadInputException("recipient registry: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Every write was committed when it was made (auto-commit).
        }
    }
}
