package org.cyberhealth.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static ObjectNode event(String verdict, double bound) {
        ObjectNode e = new ObjectMapper().createObjectNode();
        e.put("verdict", verdict);
        e.put("bound", bound);
        return e;
    }

    private static AuditLog threeEntries(Path dir) {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.append(event("PASS", 169.5), Instant.parse("2025-01-01T00:00:00Z"));
        log.append(event("REFUSE", 1e-7), Instant.parse("2025-01-01T00:01:00Z"));
        log.append(event("PASS", 0.0), Instant.parse("2025-01-01T00:02:00Z"));
        return log;
    }

    @Test
    void anUntouchedLogVerifies(@TempDir Path dir) {
        AuditLog log = threeEntries(dir);
        AuditLog.Verification v = log.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(3);
        assertThat(v.lastHash()).hasSize(64).isNotEqualTo(AuditLog.GENESIS);
        assertThat(new AuditLog(dir.resolve("absent.jsonl")).verify().intact()).isTrue();
    }

    @Test
    void anEditedEntryIsFoundAndBlocksAppending(@TempDir Path dir) throws Exception {
        AuditLog log = threeEntries(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("REFUSE", "PASS"));
        Files.write(log.file(), lines, StandardCharsets.UTF_8);
        AuditLog.Verification v = log.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(2);
        assertThat(v.problem()).contains("edited");
        assertThatThrownBy(() -> log.append(event("PASS", 1), Instant.EPOCH)).hasMessageContaining("line 2");
    }

    @Test
    void aRemovedEntryBreaksTheChain(@TempDir Path dir) throws Exception {
        AuditLog log = threeEntries(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file(), StandardCharsets.UTF_8));
        lines.remove(0);
        Files.write(log.file(), lines, StandardCharsets.UTF_8);
        assertThat(log.verify().firstBadLine()).isEqualTo(1);
    }
}
