package org.cyberhealth.core;

/** The input (a file, an option, a key file) is malformed, unsupported or inconsistent: exit code 2. */
public class BadInputException extends CyberHealthException {

    public BadInputException(String message) {
        super(BAD_INPUT, message);
    }

    public BadInputException(String message, Throwable cause) {
        super(BAD_INPUT, message, cause);
    }
}
