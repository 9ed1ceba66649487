package org.cyberhealth.imaging.watermark;

import java.util.List;
import java.util.Optional;
import org.cyberhealth.imaging.Raster;

/**
 * What {@link CryptoWatermark#verify} found.
 *
 * @param verdict the outcome
 * @param embeddedKeyId the key id found in the watermark (public information), empty if none
 * @param tamperedRegions blocks whose samples changed (stacked-plane coordinates); with only the
 *     verification key, the blocks that could not be read back
 * @param localised whether the regions come from keyed block tags (issuer key) rather than read failures
 * @param record the traceability record, when verified with the issuer key and readable
 * @param restored present only when the verdict is {@link Verdict#AUTHENTIC}: the original raster when
 *     verified with the issuer key; with the verification key alone, the original plus the robust mark
 * @param detail one line for people: why this verdict
 */
public record Verification(Verdict verdict, String embeddedKeyId, List<TamperedRegion> tamperedRegions,
        boolean localised, Optional<TraceabilityRecord> record, Optional<Raster> restored, String detail) {

    static Verification withoutSeal(Verdict verdict, String keyId, String detail) {
        return new Verification(verdict, keyId, List.of(), false, Optional.empty(), Optional.empty(), detail);
    }
}
