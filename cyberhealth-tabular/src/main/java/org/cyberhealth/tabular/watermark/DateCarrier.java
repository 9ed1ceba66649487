package org.cyberhealth.tabular.watermark;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * ISO dates ({@code yyyy-MM-dd}, possibly followed by a time, which is kept): the bits are those of the
 * day number, so a mark moves a date by at most the declared number of days.
 */
final class DateCarrier implements Carrier {

    private static final int DATE_LENGTH = 10;
    private final int positions;

    DateCarrier(int positions) {
        this.positions = positions;
    }

    @Override
    public int positions() {
        return positions;
    }

    @Override
    public int bit(String cell, int position) {
        long day = epochDay(cell);
        return day == Long.MIN_VALUE ? -1 : (int) (day >>> position) & 1;
    }

    @Override
    public String withBit(String cell, int position, int bit) {
        long day = epochDay(cell);
        if (day == Long.MIN_VALUE || ((day >>> position) & 1) == bit) {
            return cell;
        }
        String date = LocalDate.ofEpochDay(day ^ (1L << position)).toString();
        return date.length() == DATE_LENGTH ? date + cell.substring(DATE_LENGTH) : cell;
    }

    /** The day number of the cell's date, or Long.MIN_VALUE when it does not start with an ISO date. */
    private static long epochDay(String cell) {
        if (cell == null || cell.length() < DATE_LENGTH || cell.charAt(4) != '-' || cell.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int year = digits(cell, 0, 4);
        int month = digits(cell, 5, 7);
        int day = digits(cell, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
