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
import java.util.HexFormat;
import java.util.List;
import org.cyberhealth.core.crypto.Digests;

/**
 * An append-only, tamper-evident log: one JSON line per event, each carrying the SHA-256 of the line before it
 * ({@code prev}) and its own hash over (sequence number, time, event, prev), as in Schneier and Kelsey's secure
 * audit logs (USENIX Security 1998) without their keys. Editing, removing or reordering any line breaks the chain
 * at that line, which {@link #verify()} reports. What the chain cannot show alone: someone who rewrites the file
 * from the edited line to the end; keep a copy of the latest hash elsewhere (a ticket, another server) to catch
 * that. Appends take a file lock, so concurrent writers never interleave or fork the chain.
 */
public final class AuditLog {

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The outcome of checking the chain: {@code firstBadLine} is 0 when intact. */
    public record Verification(int entries, int firstBadLine, String problem, String lastHash) {

        public boolean intact() {
            return firstBadLine == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH_FIELD = ",\"hash\":\"";
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code event} with the time {@code at}; returns the new entry's hash. */
    public synchronized String append(ObjectNode event, Instant at) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            Verification before = check(lines);
            if (!before.intact()) {
                throw new IllegalStateException("audit log " + file + " is broken at line " + before.firstBadLine() + " (" + before.problem()
                        + "): not appending");
            }
            ObjectNode entry = JSON.createObjectNode();
            entry.put("seq", lines.size() + 1);
            entry.put("time", at.toString());
            entry.set("event", event);
            entry.put("prev", before.lastHash());
            String body = JSON.writeValueAsString(entry);
            String hash = hash(body);
            String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
            channel.position(channel.size());
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Recomputes the chain; an absent log is intact and empty. */
    public Verification verify() {
        if (!Files.exists(file)) {
            return new Verification(0, 0, null, GENESIS);
        }
        try {
            return check(Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    private static Verification check(List<String> lines) {
        String previous = GENESIS;
        for (int k = 0; k < lines.size(); k++) {
            int line = k + 1;
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(k));
            } catch (JsonProcessingException e) {
                return new Verification(lines.size(), line, "not JSON", previous);
            }
            if (!(node instanceof ObjectNode entry) || entry.path("seq").asInt() != line) {
                return new Verification(lines.size(), line, "sequence number is not " + line, previous);
            }
            if (!previous.equals(entry.path("prev").asText())) {
                return new Verification(lines.size(), line, "does not follow the line before (prev hash differs)", previous);
            }
            String text = lines.get(k);
            int at = text.lastIndexOf(HASH_FIELD);
            String stated = entry.path("hash").asText();
            if (at < 0 || !hash(text.substring(0, at) + "}").equals(stated)) {
                return new Verification(lines.size(), line, "content does not match its hash (edited)", previous);
            }
            previous = stated;
        }
        return new Verification(lines.size(), 0, null, previous);
    }

    /**
     * SHA-256 of the line's exact text before its hash field: hashing the bytes as written, not a re-encoding,
     * so a number's formatting can never make an untouched line look edited.
     */
    private static String hash(String body) {
        return HexFormat.of().formatHex(Digests.sha256(body.getBytes(StandardCharsets.UTF_8)));
    }
}
