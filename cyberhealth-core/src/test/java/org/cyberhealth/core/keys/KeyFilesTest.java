package org.cyberhealth.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.keys.IssuerKey.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void issuerKeyRoundTripsAndIsOwnerOnly() throws Exception {
        IssuerKey key = IssuerKey.generate("St. Example Hospital");
        Path file = dir.resolve("hospital.key");
        KeyFiles.writeIssuerKey(key, file, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        IssuerKey read = KeyFiles.readIssuerKey(file);
        assertThat(read.keyId()).isEqualTo(key.keyId());
        assertThat(read.issuer()).isEqualTo("St. Example Hospital");
        assertThat(read.derive(Purpose.RECORD_ENCRYPTION)).isEqualTo(key.derive(Purpose.RECORD_ENCRYPTION));
        byte[] message = "pixels".getBytes(StandardCharsets.US_ASCII);
        assertThat(key.verificationKey().verifies(message, read.sign(message))).isTrue();
    }

    @Test
    void verificationKeyChecksSealsButHoldsNoSecret() throws Exception {
        IssuerKey key = IssuerKey.generate("issuer");
        Path pub = dir.resolve("issuer.pub");
        KeyFiles.writeVerificationKey(key.verificationKey(), pub, false);

        String text = Files.readString(pub);
        assertThat(text).doesNotContain("secret").doesNotContain("signingKey")
                .doesNotContain(Base64.getEncoder().encodeToString(key.secret()));
        VerificationKey read = KeyFiles.readVerificationKey(pub);
        byte[] message = {1, 2, 3};
        assertThat(read.verifies(message, key.sign(message))).isTrue();
        assertThat(read.verifies(new byte[] {1, 2, 4}, key.sign(message))).isFalse();
        assertThatThrownBy(() -> KeyFiles.readIssuerKey(pub))
                .isInstanceOf(BadInputException.class).hasMessageContaining("verification (public) key");
    }

    @Test
    void refusesToOverwriteWithoutForce() {
        IssuerKey key = IssuerKey.generate("issuer");
        Path file = dir.resolve("k.key");
        KeyFiles.writeIssuerKey(key, file, false);
        assertThatThrownBy(() -> KeyFiles.writeIssuerKey(IssuerKey.generate("other"), file, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--force");
        assertThat(KeyFiles.readIssuerKey(file).keyId()).isEqualTo(key.keyId());
    }

    @Test
    void malformedKeyFilesGiveClearErrorsWithoutKeyMaterial() throws Exception {
        Path garbage = Files.writeString(dir.resolve("g.key"), "not json at all");
        assertThatThrownBy(() -> KeyFiles.readIssuerKey(garbage)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not valid JSON");

        IssuerKey key = IssuerKey.generate("issuer");
        Path file = dir.resolve("k.key");
        KeyFiles.writeIssuerKey(key, file, false);
        String secret = Base64.getEncoder().encodeToString(key.secret());
        Path corrupted = Files.writeString(dir.resolve("c.key"),
                Files.readString(file).replace(secret, secret.substring(0, 10) + "%%%"));
        assertThatThrownBy(() -> KeyFiles.readIssuerKey(corrupted)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'secret'").hasMessageNotContaining(secret.substring(0, 10));

        Path missing = dir.resolve("absent.key");
        assertThatThrownBy(() -> KeyFiles.readIssuerKey(missing)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void mismatchedSigningAndPublicKeyAreRefused() throws Exception {
        IssuerKey a = IssuerKey.generate("a");
        IssuerKey b = IssuerKey.generate("b");
        Path fa = dir.resolve("a.key");
        KeyFiles.writeIssuerKey(a, fa, false);
        String pubA = Base64.getEncoder().encodeToString(a.verificationKey().encoded());
        String pubB = Base64.getEncoder().encodeToString(b.verificationKey().encoded());
        Path mixed = Files.writeString(dir.resolve("m.key"), Files.readString(fa).replace(pubA, pubB));
        assertThatThrownBy(() -> KeyFiles.readIssuerKey(mixed)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void toStringShowsNoKeyMaterial() {
        IssuerKey key = IssuerKey.generate("issuer");
        assertThat(key.toString()).contains(key.keyId())
                .doesNotContain(Base64.getEncoder().encodeToString(key.secret()).substring(0, 8));
    }
}
