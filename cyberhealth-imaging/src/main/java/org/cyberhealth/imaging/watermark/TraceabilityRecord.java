package org.cyberhealth.imaging.watermark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.cyberhealth.core.BadInputException;

/**
 * Who received a copy: the record embedded, encrypted, in every marked image. Only the issuer (the
 * holder of the issuer key) can read it back.
 */
public record TraceabilityRecord(String issuer, String recipient, String exportId, Instant issuedAt, String purpose) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TraceabilityRecord {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(purpose, "purpose");
        if (recipient.isBlank()) {
            throw new BadInputException("the recipient id must not be empty");
        }
    }

    /** Compact JSON with one-letter keys: the record travels inside the image, where bits are scarce. */
    byte[] toBytes() {
        ObjectNode node = JSON.createObjectNode();
        node.put("i", issuer);
        node.put("r", recipient);
        node.put("e", exportId);
        node.put("t", issuedAt.getEpochSecond());
        node.put("p", purpose);
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static TraceabilityRecord fromBytes(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return new TraceabilityRecord(node.path("i").asText(), node.path("r").asText(), node.path("e").asText(),
                    Instant.ofEpochSecond(node.path("t").asLong()), node.path("p").asText());
        } catch (IOException | DateTimeParseException e) {
            throw new BadInputException("the embedded traceability record is malformed");
        }
    }
}
