package org.cyberhealth.core.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.io.AtomicOutput;

/**
 * Reads and writes key files: small JSON documents with a type, a version and base64 fields. The
 * issuer key file is written readable by its owner only; the verification key file is public.
 */
public final class KeyFiles {

    static final String ISSUER_TYPE = "cyberhealth-issuer-key";
    static final String VERIFICATION_TYPE = "cyberhealth-verification-key";
    private static final int VERSION = 1;
    private static final long MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyFiles() {}

    public static void writeIssuerKey(IssuerKey key, Path target, boolean overwrite) {
        ObjectNode node = header(ISSUER_TYPE, key.issuer(), key.keyId());
        Base64.Encoder b64 = Base64.getEncoder();
        node.put("signingKey", b64.encodeToString(key.encodedSigningKey()));
        node.put("publicKey", b64.encodeToString(key.verificationKey().encoded()));
        node.put("secret", b64.encodeToString(key.secret()));
        // AtomicOutput's temporary file is created owner-only (rw-------) and keeps that mode when moved.
        AtomicOutput.write(target, overwrite, toJson(node));
        checkOwnerOnly(target);
    }

    public static void writeVerificationKey(VerificationKey key, Path target, boolean overwrite) {
        ObjectNode node = header(VERIFICATION_TYPE, key.issuer(), key.keyId());
        node.put("publicKey", Base64.getEncoder().encodeToString(key.encoded()));
        AtomicOutput.write(target, overwrite, toJson(node));
    }

    public static IssuerKey readIssuerKey(Path file) {
        JsonNode node = readJson(file);
        String type = node.path("type").asText();
        if (VERIFICATION_TYPE.equals(type)) {
            throw new BadInputException(file + " is a verification (public) key; this needs the issuer key");
        }
        expectType(node, ISSUER_TYPE, file);
        return IssuerKey.fromEncoded(node.path("issuer").asText(), field(node, "signingKey", file),
                field(node, "publicKey", file), field(node, "secret", file));
    }

    /** Reads a verification key file, or the public half of an issuer key file. */
    public static VerificationKey readVerificationKey(Path file) {
        JsonNode node = readJson(file);
        if (ISSUER_TYPE.equals(node.path("type").asText())) {
            return readIssuerKey(file).verificationKey();
        }
        expectType(node, VERIFICATION_TYPE, file);
        return VerificationKey.fromEncoded(node.path("issuer").asText(), field(node, "publicKey", file));
    }

    /** Whether {@code file} holds an issuer key (as opposed to a verification key). */
    public static boolean isIssuerKey(Path file) {
        return ISSUER_TYPE.equals(readJson(file).path("type").asText());
    }

    private static ObjectNode header(String type, String issuer, String keyId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("version", VERSION);
        node.put("issuer", issuer);
        node.put("keyId", keyId);
        return node;
    }

    private static byte[] toJson(ObjectNode node) {
        try {
            return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("key file " + file + " does not exist");
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new BadInputException("key file " + file + " is too large to be a key file");
            }
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new BadInputException("key file " + file + " is not a CyberHealth key file");
            }
            if (node.path("version").asInt() != VERSION) {
                throw new BadInputException("key file " + file + " has unsupported version " + node.path("version"));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("key file " + file + " is not valid JSON");
        } catch (IOException e) {
            throw new BadInputException("cannot read key file " + file + ": " + e.getMessage());
        }
    }

    private static void expectType(JsonNode node, String type, Path file) {
        if (!type.equals(node.path("type").asText())) {
            throw new BadInputException("key file " + file + " is not a CyberHealth " + type.replace('-', ' '));
        }
    }

    private static byte[] field(JsonNode node, String name, Path file) {
        try {
            return Base64.getDecoder().decode(node.path(name).asText(""));
        } catch (IllegalArgumentException e) {
            // The message names the field only: the value may be key material.
            throw new BadInputException("key file " + file + " has a malformed '" + name + "' field");
        }
    }

    private static void checkOwnerOnly(Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot restrict " + file + " to its owner", e);
        }
    }
}
