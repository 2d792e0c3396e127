package org.seedbench.ui.parts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.seedbench.core.rules.ShippingRules.Deadline;

/**
 * The shipping deadline as every view and wizard shows it: the days left with the day it falls due, e.g.
 * {@code 4 days left (due 11 Dec 2026)}, never a raw timestamp.
 */
public final class DeadlineText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DeadlineText() {
    }

    /** The short form of a table cell: {@code ⚠ 3 days left (due 11 Dec 2026)}, {@code expired (due 11 Dec 2026)}. */
    public static String cell(Deadline d, ZoneId zone) {
        if (d == null) {
            return "";
        }
        return (d.warn() && !d.expired() ? "⚠ " : "") + countdown(d, zone);
    }

    /** The countdown alone: {@code 3 days left (due 11 Dec 2026)}, {@code expired (due 11 Dec 2026)}. */
    public static String countdown(Deadline d, ZoneId zone) {
        if (d.expired()) {
            return "expired " + due(d.due(), zone);
        }
        return d.daysLeft() + (d.daysLeft() == 1 ? " day left " : " days left ") + due(d.due(), zone);
    }

    /** The sentence of the core rules with the day it falls due, e.g. {@code 3 days left to enter … (due 11 Dec 2026)}. */
    public static String sentence(Deadline d, ZoneId zone) {
        return d == null ? "" : d.describe() + " " + due(d.due(), zone);
    }

    /** {@code (due 11 Dec 2026)} in {@code zone}. */
    public static String due(Instant due, ZoneId zone) {
        return "(due " + DAY.format(due.atZone(zone)) + ")";
    }
}
