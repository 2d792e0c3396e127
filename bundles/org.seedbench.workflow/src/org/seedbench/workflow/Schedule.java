package org.seedbench.workflow;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * When a job's scheduled incremental backups run: every day at a local time ({@code daily 22:00}), or every so
 * long ({@code every 6h}). Stored in the job's properties as that text ({@link #toString()}, {@link #parse}).
 *
 * <p>A run is due once the next run after the previous one (or after the schedule was set) has come:
 * {@link #next(Instant, ZoneId)}. Runs missed while the computer was off are one run, not one per missed time,
 * since the next run is counted from the last one that ran.
 *
 * @param daily the local time of day, for a daily schedule; {@code null} for an interval
 * @param every the interval, for an interval schedule; {@code null} for a daily one
 */
public record Schedule(LocalTime daily, Duration every) {
    /** The shortest interval: the system's timer looks every 15 minutes. */
    public static final Duration SHORTEST = Duration.ofMinutes(15);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})([mhd])");

    public Schedule {
        if ((daily == null) == (every == null)) {
            throw new IllegalArgumentException("a schedule is daily or every so long");
        }
    }

    /** Every day at {@code HH:MM} local time. */
    public static Schedule daily(String hhmm) throws InvalidInputException {
        try {
            if (hhmm.matches("\\d{1,2}:\\d{2}")) {
                return new Schedule(LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm, HH_MM), null);
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw new InvalidInputException(new Problem("--daily", hhmm, "is not a time of day",
                "HH:MM on a 24-hour clock, e.g. 22:00"));
    }

    /** Every {@code 30m}, {@code 6h}, {@code 1d}: at least {@link #SHORTEST}. */
    public static Schedule every(String text) throws InvalidInputException {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.compareTo(SHORTEST) >= 0) {
                return new Schedule(null, d);
            }
            throw new InvalidInputException(new Problem("--every", text, "is shorter than 15 minutes",
                    "15m or more: the system's timer calls run-due every 15 minutes"));
        }
        throw new InvalidInputException(new Problem("--every", text, "is not a duration",
                "a number of minutes, hours or days, e.g. 30m, 6h, 1d"));
    }

    /** The schedule as {@link #toString()} writes it; {@code null} for text that is none. */
    public static Schedule parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.startsWith("daily ")) {
                return daily(text.substring(6));
            }
            if (text.startsWith("every ")) {
                return every(text.substring(6));
            }
        } catch (InvalidInputException e) {
            // not a schedule
        }
        return null;
    }

    /**
     * The first run after {@code after}. A daily time that a change to summer time skips runs that day at the
     * same time after the change (02:30 becomes 03:30); a time that happens twice when summer time ends runs at
     * the first.
     */
    public Instant next(Instant after, ZoneId zone) {
        if (every != null) {
            return after.plus(every);
        }
        LocalDate day = after.atZone(zone).toLocalDate();
        while (true) {
            Instant at = ZonedDateTime.of(day, daily, zone).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
            day = day.plusDays(1);
        }
    }

    /** Whether a run is due at {@code now}, the last run (or the setting of the schedule) having been at {@code last}. */
    public boolean due(Instant last, Instant now, ZoneId zone) {
        return !next(last, zone).isAfter(now);
    }

    /** {@code daily 22:00} or {@code every 6h}, as stored and shown. */
    @Override
    public String toString() {
        if (daily != null) {
            return "daily " + HH_MM.format(daily);
        }
        long minutes = every.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return "every " + minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? "every " + minutes / 60 + "h" : "every " + minutes + "m";
    }

    /** Parses an ISO-8601 instant or local date-time (in {@code zone}), e.g. for {@code run-due --now}. */
    public static Instant instant(String text, ZoneId zone) throws InvalidInputException {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                try {
                    return java.time.LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeException e3) {
                    throw new InvalidInputException(new Problem("--now", text, "is not an ISO-8601 time",
                            "e.g. 2026-12-08T22:05:00Z or 2026-12-08T22:05"));
                }
            }
        }
    }
}
