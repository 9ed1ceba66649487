package org.cyberhealth.imaging.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.cyberhealth.core.keys.IssuerKey;
import org.cyberhealth.core.keys.KeyFiles;
import org.cyberhealth.imaging.ImageIdentity;
import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.io.ImageFiles;
import org.junit.jupiter.api.Test;

/**
 * Images marked as container version 1 (samples hashed as 4-byte integers) and version 2 (the raster
 * under the fragile layer hashed twice, for the tags and for the seal) still verify, locate a change and
 * restore bit for bit, and so do version 3 containers of scheme id 1, which marked every block in two
 * layers, and version 4 containers, whose robust mark of an 8-bit image is in 2x2-pixel units (every
 * other test marks the current version and scheme). The fixtures are described in
 * {@code src/test/resources/container-v1/README.md}, {@code container-v2/README.md},
 * {@code container-v3/README.md} and {@code container-v4/README.md}.
 */
class ContainerVersionTest {

    private static Path fixture(String name) {
        return fixture("container-v1", name);
    }

    private static Path fixture(String folder, String name) {
        try {
            return Path.of(ContainerVersionTest.class.getResource("/" + folder + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void versionOneContainersVerifyAndRestore() {
        verifiesAndRestores("container-v1", 1);
    }

    @Test
    void versionTwoContainersVerifyAndRestore() {
        verifiesAndRestores("container-v2", 2);
    }

    @Test
    void versionThreeContainersWithEveryBlockInTwoLayersVerifyAndRestore() {
        verifiesAndRestores("container-v3", 3);
    }

    @Test
    void versionFourContainersWithEightBitRobustMarksInSmallUnitsVerifyRestoreAndTrace() {
        verifiesAndRestores("container-v4", 4);
        IssuerKey key = KeyFiles.readIssuerKey(fixture("fixture.key"));
        for (String image : new String[] {"airplane-128", "ct-128"}) {
            Raster marked = ImageFiles.read(fixture("container-v4", image + "-marked-v4.png")).raster();
            RecipientTracer.Trace trace = RecipientTracer.trace(marked, key, java.util.List.of("lab-1", "lab-42", "lab-7"), RecipientTracer.DEFAULT_BOUND);
            assertThat(trace.accused()).as(image).map(RecipientTracer.Candidate::recipient).contains("lab-42");
        }
    }

    private static void verifiesAndRestores(String folder, int version) {
        IssuerKey key = KeyFiles.readIssuerKey(fixture("fixture.key"));
        for (String image : new String[] {"airplane-128", "ct-128"}) {
            Raster original = ImageFiles.read(fixture(image + ".png")).raster();
            Raster marked = ImageFiles.read(fixture(folder, image + "-marked-v" + version + ".png")).raster();
            assertThat(marked.samples()).isNotEqualTo(original.samples());

            Verification withIssuerKey = CryptoWatermark.verify(marked, ImageIdentity.NONE, key.verificationKey(), key);
            assertThat(withIssuerKey.verdict()).as(image).isEqualTo(Verdict.AUTHENTIC);
            assertThat(withIssuerKey.restored().orElseThrow().samples()).isEqualTo(original.samples());
            assertThat(withIssuerKey.record().orElseThrow().recipient()).isEqualTo("lab-42");
            assertThat(CryptoWatermark.verify(marked, ImageIdentity.NONE, key.verificationKey(), null).verdict())
                    .isEqualTo(Verdict.AUTHENTIC);

            // a changed sample is still found and located in an older container
            Raster tampered = marked.copy();
            tampered.set(100, 20, tampered.get(100, 20) ^ 4);
            Verification changed = CryptoWatermark.verify(tampered, ImageIdentity.NONE, key.verificationKey(), key);
            assertThat(changed.verdict()).isEqualTo(Verdict.TAMPERED);
            assertThat(changed.tamperedRegions()).hasSize(1);
        }
    }
}
