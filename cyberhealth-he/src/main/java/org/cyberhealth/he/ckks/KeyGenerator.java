package org.cyberhealth.he.ckks;

import java.util.ArrayList;
import java.util.List;
import org.cyberhealth.he.ring.Automorphism;
import org.cyberhealth.he.ring.Modulus;
import org.cyberhealth.he.ring.Ring;
import org.cyberhealth.he.ring.RnsPoly;

/** Makes the secret key and, from it, the public key and the switching keys (relinearisation, rotations). */
public final class KeyGenerator {

    private final CkksParameters parameters;
    private final Ring ring;
    private final Sampler sampler;
    private final int chainPrimes;
    private final int allPrimes;

    public KeyGenerator(CkksParameters parameters, Ring ring, Sampler sampler) {
        if (parameters.special().size() != 1) {
            throw new IllegalArgumentException("key switching here uses exactly one special prime, got " + parameters.special().size());
        }
        this.parameters = parameters;
        this.ring = ring;
        this.sampler = sampler;
        chainPrimes = parameters.chain().size();
        allPrimes = chainPrimes + 1;
    }

    public SecretKey secretKey() {
        RnsPoly s = ring.fromSigned(sampler.ternary(), allPrimes);
        ring.forward(s);
        return new SecretKey(s);
    }

    public PublicKey publicKey(SecretKey secret) {
        byte[] seed = sampler.seed();
        RnsPoly a = sampler.uniform(seed, chainPrimes);
        RnsPoly b = encryptionOfZero(secret.poly().truncated(chainPrimes), a);
        return new PublicKey(b, a, seed);
    }

    /** The key that turns c_2 s^2 into terms in s: switching from s^2 to s. */
    public SwitchingKey relinearisationKey(SecretKey secret) {
        RnsPoly square = secret.poly().copy();
        ring.multiplyInPlace(square, secret.poly());
        return switchingKey(square, secret);
    }

    /** Keys for the rotations by {@code steps} (left; negative: right) and, if asked, for conjugation. */
    public GaloisKeys galoisKeys(SecretKey secret, int[] steps, boolean conjugation) {
        java.util.Map<Integer, SwitchingKey> keys = new java.util.HashMap<>();
        for (int step : steps) {
            int element = GaloisKeys.rotation(parameters.ringDegree(), step);
            keys.computeIfAbsent(element, g -> galoisKey(secret, g));
        }
        if (conjugation) {
            int element = GaloisKeys.conjugation(parameters.ringDegree());
            keys.put(element, galoisKey(secret, element));
        }
        return new GaloisKeys(keys);
    }

    private SwitchingKey galoisKey(SecretKey secret, int element) {
        return switchingKey(new Automorphism(parameters.ringDegree(), element).apply(secret.poly()), secret);
    }

    /** The key that switches from s' = {@code from} (NTT form, all primes) to the secret. */
    SwitchingKey switchingKey(RnsPoly from, SecretKey secret) {
        List<RnsPoly> bs = new ArrayList<>();
        List<RnsPoly> as = new ArrayList<>();
        List<byte[]> seeds = new ArrayList<>();
        Modulus special = ring.modulus(chainPrimes);
        for (int j = 0; j < chainPrimes; j++) {
            byte[] seed = sampler.seed();
            RnsPoly a = sampler.uniform(seed, allPrimes);
            seeds.add(seed);
            RnsPoly b = encryptionOfZero(secret.poly(), a);
            Modulus qj = ring.modulus(j);
            long p = qj.reduce(special.value());
            long[] row = b.row(j);
            long[] fromRow = from.row(j);
            for (int k = 0; k < row.length; k++) {
                row[k] = qj.add(row[k], qj.multiply(p, fromRow[k]));
            }
            bs.add(b);
            as.add(a);
        }
        return new SwitchingKey(bs, as, seeds);
    }

    /** -a s + e over a's primes (NTT form). */
    private RnsPoly encryptionOfZero(RnsPoly s, RnsPoly a) {
        RnsPoly b = ring.fromSigned(sampler.gaussian(), a.primes());
        ring.forward(b);
        RnsPoly as = a.copy();
        ring.multiplyInPlace(as, s.primes() == a.primes() ? s : s.truncated(a.primes()));
        ring.subtractInPlace(b, as);
        return b;
    }
}
