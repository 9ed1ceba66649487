package org.cyberhealth.tabular.fingerprint;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cyberhealth.core.BadInputException;
import org.cyberhealth.core.crypto.Hkdf;

/**
 * A binary Tardos code (G. Tardos, "Optimal probabilistic fingerprint codes", STOC 2003 / J. ACM 2008):
 * one secret bias {@code p_i} per position, drawn from the arcsine density
 * {@code 1 / (pi' sqrt(p (1-p)))} cut off to {@code [delta, 1-delta]} (Tardos samples it as
 * {@code p = sin^2 r}, {@code r} uniform on {@code [r', pi/2 - r']}, {@code sin^2 r' = delta}); each
 * recipient's bit {@code i} is 1 with probability {@code p_i}, independently.
 *
 * <p>Everything is derived, nothing is stored: the biases from a 32-byte secret (the caller derives it
 * with HKDF from the issuer key and the table's name), each codeword from a 32-byte recipient seed, by
 * default HMAC-SHA256(secret, label || recipient id). The same inputs give the same code on every run,
 * so the registry only needs the recipient ids. Numbers come from {@link KeyedStream} (AES-256-CTR).
 *
 * <p>{@link #toString()} never prints the secret.
 */
public final class TardosCode {

    static final String BIAS_LABEL = "cyberhealth/v1/tardos/biases";
    static final String CODEWORD_LABEL = "cyberhealth/v1/tardos/codeword";
    static final String RECIPIENT_LABEL = "cyberhealth/v1/tardos/recipient/";

    private final TardosParameters parameters;
    private final double[] biases;
    private final byte[] secret;

    private TardosCode(TardosParameters parameters, double[] biases, byte[] secret) {
        this.parameters = parameters;
        this.biases = biases;
        this.secret = secret;
    }

    /** The code whose biases {@code secret} (32 bytes) determines. */
    public static TardosCode generate(TardosParameters parameters, byte[] secret) {
        KeyedStream.requireSeed(secret, "Tardos code secret");
        KeyedStream stream = new KeyedStream(secret, BIAS_LABEL);
        double lowest = Math.asin(Math.sqrt(parameters.cutoff()));
        double span = Math.PI / 2 - 2 * lowest;
        double[] biases = new double[parameters.codeLength()];
        for (int i = 0; i < biases.length; i++) {
            double s = Math.sin(lowest + stream.nextUnit() * span);
            biases[i] = s * s;
        }
        return new TardosCode(parameters, biases, secret.clone());
    }

    /** The codeword of the recipient whose 32-byte seed is {@code recipientSeed}. */
    public Codeword codewordFor(byte[] recipientSeed) {
        KeyedStream.requireSeed(recipientSeed, "recipient seed");
        KeyedStream stream = new KeyedStream(recipientSeed, CODEWORD_LABEL);
        boolean[] bits = new boolean[biases.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = stream.nextUnit() < biases[i];
        }
        return Codeword.adopt(bits);
    }

    /** The codeword of {@code recipientId}, seeded with HMAC-SHA256(secret, label || id). */
    public Codeword codewordFor(String recipientId) {
        if (recipientId == null || recipientId.isEmpty()) {
            throw new BadInputException("a recipient id must not be empty");
        }
        return codewordFor(Hkdf.hmac(secret, (RECIPIENT_LABEL + recipientId).getBytes(StandardCharsets.UTF_8)));
    }

    /** The codewords of {@code recipientIds}, in their order, ready for {@link Tracer#trace}. */
    public Map<String, Codeword> codewordsFor(Collection<String> recipientIds) {
        Map<String, Codeword> out = new LinkedHashMap<>();
        for (String id : recipientIds) {
            out.put(id, codewordFor(id));
        }
        return out;
    }

    public TardosParameters parameters() {
        return parameters;
    }

    public int length() {
        return biases.length;
    }

    /** The secret bias of position {@code position}. */
    public double bias(int position) {
        return biases[position];
    }

    @Override
    public String toString() {
        return "TardosCode[" + parameters + "]";
    }
}
