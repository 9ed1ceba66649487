package org.cyberhealth.imaging.watermark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import org.cyberhealth.core.BadInputException;

/**
 * Who received a copy: the record embedded, encrypted, in every marked image. Only the issuer (the
 * holder of the issuer key) can read it back.
 */
public record TraceabilityRecord(String issuer, String recipient, String exportId, Instant issuedAt, String purpose) {

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

    /**
     * A compact binary form (length-prefixed UTF-8 strings and the time in seconds): the record travels
     * inside the image, in two copies, where every byte costs capacity.
     */
    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : new String[] {issuer, recipient, exportId, purpose}) {
                out.writeUTF(field);
            }
            out.writeLong(issuedAt.getEpochSecond());
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("the traceability record is too long (each field at most 65535 bytes)");
        }
        return bytes.toByteArray();
    }

    static TraceabilityRecord fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String issuer = in.readUTF();
            String recipient = in.readUTF();
            String exportId = in.readUTF();
            String purpose = in.readUTF();
            return new TraceabilityRecord(issuer, recipient, exportId, Instant.ofEpochSecond(in.readLong()), purpose);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("the embedded traceability record is malformed");
        }
    }
}
