package org.cyberhealth.he.ckks;

import org.cyberhealth.he.ring.RnsPoly;

/** An encoded message: a polynomial over the first level + 1 primes, and the scale its values carry. */
public record Plaintext(RnsPoly poly, int level, double scale) {}
