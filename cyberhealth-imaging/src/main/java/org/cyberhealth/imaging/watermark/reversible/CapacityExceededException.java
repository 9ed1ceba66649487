package org.cyberhealth.imaging.watermark.reversible;

import org.cyberhealth.core.BadInputException;

/** The payload does not fit into the region at hand. */
public class CapacityExceededException extends BadInputException {

    public CapacityExceededException(String message) {
        super(message);
    }
}
