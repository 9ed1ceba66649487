package org.cyberhealth.core;

/**
 * The root of every error that CyberHealth reports to a user. It carries the process exit code the
 * command line uses, so that a library caller and a script see the same classification.
 *
 * <p>Messages are one line, say what is wrong and, where possible, what to do; they never contain key
 * material.
 */
public class CyberHealthException extends RuntimeException {

    /** Exit code of a command whose check failed (tampered image, no watermark, wrong key). */
    public static final int CHECK_FAILED = 1;
    /** Exit code of a command given bad usage or bad input. */
    public static final int BAD_INPUT = 2;

    private final int exitCode;

    public CyberHealthException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CyberHealthException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
