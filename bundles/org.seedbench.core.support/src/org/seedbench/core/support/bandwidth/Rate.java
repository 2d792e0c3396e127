package org.seedbench.core.support.bandwidth;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;

/**
 * A transfer rate in bytes per second, or no limit. Typed as a number and a unit, with or without {@code /s}:
 * bytes in decimal ({@code KB}, {@code MB}, {@code GB}: 10³ steps) or binary units ({@code KiB}, {@code MiB},
 * {@code GiB}: 2¹⁰ steps), bits as network links are sold ({@code Kbit}, {@code Mbit}, {@code Gbit}, or
 * {@code kbps}, {@code Mbps}, {@code Gbps}); {@code unlimited} for none.
 *
 * @param bytesPerSecond the limit; {@link Long#MAX_VALUE} for none
 */
public record Rate(long bytesPerSecond) {
    /** No limit. */
    public static final Rate UNLIMITED = new Rate(Long.MAX_VALUE);
    /** The smallest limit taken: below it an upload would not finish in any useful time. */
    public static final long MIN_BYTES_PER_SECOND = 1000;

    static final String ALLOWED = "a number and a unit: 20MB/s, 512KiB/s, 100Mbit (KB, MB, GB, KiB, MiB, GiB per "
            + "second, or Kbit, Mbit, Gbit), at least 1KB/s; or unlimited";
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)(?:/s)?");

    public Rate {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("a rate is at least 1 byte per second: " + bytesPerSecond);
        }
    }

    public boolean unlimited() {
        return bytesPerSecond == Long.MAX_VALUE;
    }

    /**
     * The rate the text names.
     *
     * @param field what the text was given as, for the message (e.g. {@code --limit-upload})
     * @throws InvalidInputException one problem naming the field, the text and the forms taken
     */
    public static Rate parse(String field, String text) throws InvalidInputException {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("unlimited")) {
            return UNLIMITED;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw problem(field, text, t.isEmpty() ? "is empty" : "is not a rate");
        }
        String unit = m.group(2);
        if (unit.length() > 2 && unit.endsWith("ps")) { // Mbps: megabits; MBps: megabytes
            String base = unit.substring(0, unit.length() - 2);
            unit = base.endsWith("b") ? base + "it" : base;
        }
        long factor = factor(unit);
        if (factor == 0) {
            throw problem(field, text, "has no unit this reads ('" + m.group(2) + "')");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        if (unit.toLowerCase(Locale.ROOT).endsWith("bit")) {
            bytes = bytes.divide(BigDecimal.valueOf(8));
        }
        if (bytes.compareTo(BigDecimal.valueOf(MIN_BYTES_PER_SECOND)) < 0) {
            throw problem(field, text, "is below 1KB/s");
        }
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw problem(field, text, "is too large to be a limit (use unlimited)");
        }
        return new Rate(bytes.longValue());
    }

    /** Bytes per unit; 0 for a unit this does not read. 'B' is a byte and 'bit' a bit, so "Mb" is refused. */
    private static long factor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT).equals("b") ? unit : unit.toLowerCase(Locale.ROOT)) {
            case "B" -> 1L;
            case "kb" -> unit.endsWith("B") ? 1_000L : 0;
            case "mb" -> unit.endsWith("B") ? 1_000_000L : 0;
            case "gb" -> unit.endsWith("B") ? 1_000_000_000L : 0;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 0;
        };
    }

    private static InvalidInputException problem(String field, String text, String why) {
        return new InvalidInputException(new Problem(field, text == null ? "" : text, why, ALLOWED));
    }

    /** How job properties keep it: bytes per second, or {@code unlimited}. */
    public String stored() {
        return unlimited() ? "unlimited" : Long.toString(bytesPerSecond);
    }

    /** The rate {@link #stored()} wrote. @throws IllegalArgumentException when the text is not one */
    public static Rate ofStored(String stored) {
        return "unlimited".equals(stored) ? UNLIMITED : new Rate(Long.parseLong(stored));
    }

    /** For people: {@code 2.0 MB/s (16.0 Mbit/s)}, or {@code unlimited}. */
    @Override
    public String toString() {
        if (unlimited()) {
            return "unlimited";
        }
        return Sizes.decimal(bytesPerSecond) + "/s (" + String.format(Locale.ROOT, "%.1f", bytesPerSecond * 8 / 1e6)
                + " Mbit/s)";
    }
}
