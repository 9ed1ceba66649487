package org.cyberhealth.tabular.lossless;

/**
 * What a group's relative angle in a marked table tells its reader (see {@link Zones}).
 */
enum Zone {
    /** No meaningful centre of mass: never turned, carries nothing. */
    IDLE,
    /** Close to zero: a carrier; the sign is the bit, and the group turned that way. */
    CARRIER,
    /** A non-carrier pushed away from zero: it turned towards its sign. */
    SHIFTED,
    /** Near the half turn, where a pushed group and an untouched one look alike: a flag says which. */
    FLAGGED
}
