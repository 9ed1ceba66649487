package org.cyberhealth.imaging.watermark.robust;

/**
 * The gray levels a marked zone never leaves: a zone is marked only if its shifted samples stay within
 * {@code low..high}, so a zone with a sample outside them was certainly left unmarked, and removal
 * can tell without being told. The embedder picks guards that leave few zones undecidable.
 */
record Guards(int low, int high) {}
