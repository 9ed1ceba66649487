package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.CyberHealthException;

/** The region holds no valid embedding: it was never marked, or it was changed after marking. */
public class ExtractionException extends CyberHealthException {

    public ExtractionException(String message) {
        super(CHECK_FAILED, message);
    }
}
