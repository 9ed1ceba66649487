package org.cyberhealth.he.ckks;

import org.cyberhealth.he.ring.RnsPoly;

/**
 * An encryption of zero under the secret, (b, a) = (-a s + e, a) over the chain's primes, NTT form; a is
 * uniform, expanded from {@code seed}, so the key travels as b and the seed (half the size).
 */
public record PublicKey(RnsPoly b, RnsPoly a, byte[] seed) {}
