package org.cyberhealth.imaging.watermark;

/** A rectangle of the raster (in stacked-plane coordinates) whose samples changed after marking. */
public record TamperedRegion(int x, int y, int width, int height) {}
