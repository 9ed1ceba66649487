package org.cyberhealth.tabular.watermark;

/**
 * Integers and fixed-point decimals: the bits are those of the value counted in units of the last
 * declared digit. Digits finer than the declared scale are kept as they are, and a value written with
 * fewer digits gains the declared ones only when the mark changes it.
 */
final class NumericCarrier implements Carrier {

    private final int scale;
    private final int positions;

    NumericCarrier(int scale, int positions) {
        this.scale = scale;
        this.positions = positions;
    }

    @Override
    public int positions() {
        return positions;
    }

    @Override
    public int bit(String cell, int position) {
        FixedPoint value = FixedPoint.parse(cell);
        if (value == null) {
            return -1;
        }
        return (int) (units(value) >>> position) & 1;
    }

    @Override
    public String withBit(String cell, int position, int bit) {
        FixedPoint value = FixedPoint.parse(cell);
        if (value == null) {
            return cell;
        }
        long units = units(value);
        if (((units >>> position) & 1) == bit) {
            return cell;
        }
        long changed = units ^ (1L << position);
        if (value.fractionDigits() >= scale) {
            long unit = FixedPoint.POWERS_OF_TEN[value.fractionDigits() - scale];
            long finer = value.unscaled() - Math.floorDiv(value.unscaled(), unit) * unit;
            return new FixedPoint(changed * unit + finer, value.fractionDigits()).format();
        }
        return new FixedPoint(changed, scale).format();
    }

    /** The value in units of the last declared digit, rounded down (finer digits do not count). */
    private long units(FixedPoint value) {
        int extra = value.fractionDigits() - scale;
        if (extra >= 0) {
            return Math.floorDiv(value.unscaled(), FixedPoint.POWERS_OF_TEN[extra]);
        }
        return value.unscaled() * FixedPoint.POWERS_OF_TEN[-extra];
    }
}
