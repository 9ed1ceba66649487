package org.cyberhealth.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cyberhealth.core.BadInputException;

/**
 * The issuer's record of what went to whom: one JSON line per export (export id, recipient, purpose,
 * time, key id, output). Tracing a leaked copy compares its mark against every recipient listed here.
 * Lines are appended whole under a file lock, so parallel marking never interleaves them. It holds no
 * key material.
 */
public final class ExportLedger {

    /** One export of one file. */
    public record Entry(String exportId, String recipient, String purpose, Instant issuedAt, String keyId, String output) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public ExportLedger(Path file) {
        this.file = file;
    }

    /** The default ledger of a key file: beside it, named after it. */
    public static ExportLedger besideKey(Path keyFile) {
        return new ExportLedger(keyFile.resolveSibling(keyFile.getFileName() + ".ledger.jsonl"));
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("exportId", entry.exportId());
        node.put("recipient", entry.recipient());
        node.put("purpose", entry.purpose());
        node.put("issuedAt", entry.issuedAt().toString());
        node.put("keyId", entry.keyId());
        node.put("output", entry.output());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                FileLock lock = channel.lock()) {
            channel.write(ByteBuffer.wrap((JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the export ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every entry, oldest first; an absent ledger is empty. */
    public List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                entries.add(new Entry(n.path("exportId").asText(), n.path("recipient").asText(), n.path("purpose").asText(),
                        Instant.parse(n.path("issuedAt").asText("1970-01-01T00:00:00Z")), n.path("keyId").asText(),
                        n.path("output").asText()));
                if (entries.get(entries.size() - 1).recipient().isEmpty()) {
                    throw new BadInputException("export ledger " + file + " line " + lineNumber + " has no recipient");
                }
            }
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            throw new BadInputException("export ledger " + file + " is malformed: " + e.getMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export ledger " + file + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** The distinct recipients, in order of first export. */
    public Set<String> recipients() {
        Set<String> out = new LinkedHashSet<>();
        entries().forEach(e -> out.add(e.recipient()));
        return out;
    }
}
