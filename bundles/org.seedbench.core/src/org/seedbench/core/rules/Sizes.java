package org.seedbench.core.rules;

import java.util.Locale;

/** Byte counts as people read them. */
public final class Sizes {
    private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB", "PB" };
    private static final String[] BINARY_UNITS = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

    private Sizes() {
    }

    /** Decimal units, as drives are sold: 12 TB = 12×10¹² bytes. */
    public static String decimal(long bytes) {
        return format(bytes, 1000, UNITS);
    }

    /** Binary units: 1 GiB = 2³⁰ bytes. */
    public static String binary(long bytes) {
        return format(bytes, 1024, BINARY_UNITS);
    }

    private static String format(long bytes, int base, String[] units) {
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= base && u < units.length - 1) {
            v /= base;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    /**
     * Parses a size such as {@code 2G}, {@code 1.2GB}, {@code 512MiB} or {@code 10T}. A bare unit letter and
     * the {@code B} forms are decimal (as drives are sold); the {@code iB} forms are binary.
     *
     * @throws IllegalArgumentException when the text is not a size
     */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 2G, 500MB or 1TiB");
        }
        double number = Double.parseDouble(t.substring(0, i));
        String unit = t.substring(i).trim();
        boolean binary = unit.endsWith("IB");
        String letter = unit.isEmpty() ? "B" : unit.substring(0, 1);
        int power = "BKMGTP".indexOf(letter);
        if (power < 0 || !(unit.length() <= 1 || unit.equals(letter + "B") || unit.equals(letter + "IB"))) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 2G, 500MB or 1TiB");
        }
        return (long) (number * Math.pow(binary ? 1024 : 1000, power));
    }
}
