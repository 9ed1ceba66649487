package org.cyberhealth.he.ckks;

import org.cyberhealth.he.ring.RnsPoly;

/** An encryption of zero under the secret, (b, a) = (-a s + e, a) over the chain's primes, NTT form. */
public record PublicKey(RnsPoly b, RnsPoly a) {}
