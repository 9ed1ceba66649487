package org.cyberhealth.imaging.watermark.robust;

import org.cyberhealth.imaging.Raster;
import org.cyberhealth.imaging.Region;

/** The sums one zone contributes: its subsets' means and the extremes of the samples that may change. */
final class ZoneStatistics {

    final int zone;
    private long sumA;
    private long sumB;
    private int countA;
    private int countB;
    private int changeableA;
    private int changeableB;
    private int lowest = Integer.MAX_VALUE;
    private int highest = Integer.MIN_VALUE;

    private ZoneStatistics(int zone) {
        this.zone = zone;
    }

    static ZoneStatistics of(Raster raster, Region region, ZoneLayout layout, int zone) {
        ZoneStatistics s = new ZoneStatistics(zone);
        layout.forEachPixel(zone, (x, y, subsetA) -> {
            int value = raster.get(x, y);
            boolean changeable = region.mayChange(x, y);
            if (subsetA) {
                s.sumA += value;
                s.countA++;
                s.changeableA += changeable ? 1 : 0;
            } else {
                s.sumB += value;
                s.countB++;
                s.changeableB += changeable ? 1 : 0;
            }
            if (changeable) {
                s.lowest = Math.min(s.lowest, value);
                s.highest = Math.max(s.highest, value);
            }
        });
        return s;
    }

    /** Mean of subset A minus mean of subset B. */
    double difference() {
        return (double) sumA / countA - (double) sumB / countB;
    }

    /** How much {@link #difference} grows when A is raised and B lowered by one gray level. */
    double shiftGain() {
        return (double) changeableA / countA + (double) changeableB / countB;
    }

    /** Whether shifting by {@code shift} keeps every changeable sample inside the guards. */
    boolean fits(int shift, Guards guards) {
        return lowest > highest
                || (long) lowest - shift >= guards.low() && (long) highest + shift <= guards.high();
    }

    /** Whether some changeable sample lies outside the guards, which no marked zone does. */
    boolean leaves(Guards guards) {
        return lowest <= highest && (lowest < guards.low() || highest > guards.high());
    }
}
